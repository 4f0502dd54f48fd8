package io.cxpulse.bench;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cxpulse.ingest.RecordDecoder;
import io.cxpulse.model.CxEvent;
import io.cxpulse.sink.clickhouse.ClickHouseInserter;
import io.cxpulse.sink.clickhouse.ClickHouseSettings;
import io.cxpulse.sink.clickhouse.EventRows;
import io.cxpulse.simulator.SimulatorSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * ClickHouse's own insert rate for the benchmark's rows: the same events, encoded by {@link EventRows} into
 * JSONEachRow batches of the sink's size and inserted by the sink's {@link ClickHouseInserter}, as many inserts at a
 * time as the job has sink tasks. Only the inserts are timed: batches are encoded ahead, a few rounds at a time.
 *
 * @param rows    rows inserted (duplicates included, as the sink writes them)
 * @param seconds time spent in inserts
 */
record InsertCeiling(long rows, long bytes, int batches, double seconds) {

    double rowsPerSecond() {
        return rows / seconds;
    }

    /** @param table database-qualified scratch table with the columns of {@code events} */
    static InsertCeiling measure(ClickHouseSettings clickhouse, String table, SimulatorSettings settings, long events,
            RecordDecoder decoder, int concurrency) throws Exception {
        EventRows encoder = new EventRows();
        List<ClickHouseInserter> inserters = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            inserters.add(new ClickHouseInserter(clickhouse, () -> {}));
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            Batches batches = new Batches(clickhouse.batchRows(), concurrency * 4);
            Preload.replay(settings, events, decoder, (i, r, decoded) -> {
                if (decoded.event() != null) {
                    batches.add(decoded.event(), encoder);
                    if (batches.roundFull()) {
                        batches.insertRound(pool, inserters, table);
                    }
                }
            });
            batches.closeBatch();
            batches.insertRound(pool, inserters, table);
            return new InsertCeiling(batches.rowsInserted, batches.bytesInserted, batches.batchesInserted,
                    batches.insertNanos / 1e9);
        } finally {
            pool.shutdownNow();
            inserters.forEach(ClickHouseInserter::close);
        }
    }

    /** Encoded batches waiting for the next round of inserts, and the totals of the rounds so far. */
    private static final class Batches {
        private final int batchRows;
        private final int perRound;
        private final List<byte[]> ready = new ArrayList<>();
        private final List<Integer> readyRows = new ArrayList<>();
        private final JsonFactory factory = new JsonFactory();
        private ByteArrayOutputStream buffer;
        private JsonGenerator json;
        private int rows;
        long rowsInserted;
        long bytesInserted;
        int batchesInserted;
        long insertNanos;

        Batches(int batchRows, int perRound) {
            this.batchRows = batchRows;
            this.perRound = perRound;
        }

        void add(CxEvent event, EventRows encoder) throws IOException {
            if (json == null) {
                buffer = new ByteArrayOutputStream(1 << 20);
                json = factory.createGenerator(buffer, JsonEncoding.UTF8);
            }
            encoder.write(PassThroughJob.unenriched(event), json);
            json.writeRaw('\n');
            if (++rows >= batchRows) {
                closeBatch();
            }
        }

        void closeBatch() throws IOException {
            if (json == null) {
                return;
            }
            json.close();
            ready.add(buffer.toByteArray());
            readyRows.add(rows);
            json = null;
            rows = 0;
        }

        boolean roundFull() {
            return ready.size() >= perRound;
        }

        void insertRound(ExecutorService pool, List<ClickHouseInserter> inserters, String table) throws Exception {
            if (ready.isEmpty()) {
                return;
            }
            long start = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < inserters.size(); t++) {
                ClickHouseInserter inserter = inserters.get(t);
                int first = t;
                running.add(pool.submit(() -> {
                    for (int b = first; b < ready.size(); b += inserters.size()) {
                        inserter.insertUntilAccepted(table, ready.get(b), readyRows.get(b));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            insertNanos += System.nanoTime() - start;
            for (int b = 0; b < ready.size(); b++) {
                rowsInserted += readyRows.get(b);
                bytesInserted += ready.get(b).length;
            }
            batchesInserted += ready.size();
            ready.clear();
            readyRows.clear();
        }
    }
}
