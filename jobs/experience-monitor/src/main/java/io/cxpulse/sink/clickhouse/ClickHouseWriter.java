package io.cxpulse.sink.clickhouse;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/**
 * One task's writer: buffers encoded rows and inserts them as one batch, retrying until ClickHouse takes it. The insert
 * runs on a thread of its own while the task encodes the next batch, with at most one batch in flight: a second full
 * batch waits for the first to land, so a slow or absent ClickHouse still holds the task (back-pressure), and a
 * checkpoint's flush returns only when every row before the barrier has landed.
 */
final class ClickHouseWriter<T> implements SinkWriter<T> {

    private final ClickHouseSettings settings;
    private final RowEncoder<T> encoder;
    private final String table;
    private final ProcessingTimeService time;
    private final ClickHouseInserter inserter;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    private final JsonGenerator json;
    private final Counter rowsWritten;
    private final ExecutorService insertThread;

    private int rows;
    private Future<?> inFlight;
    private boolean timerPending;

    ClickHouseWriter(ClickHouseSettings settings, RowEncoder<T> encoder, ProcessingTimeService time,
            SinkWriterMetricGroup metrics) {
        this.settings = settings;
        this.encoder = encoder;
        this.table = settings.table(encoder.table());
        this.time = time;
        try {
            this.json = new JsonFactory().createGenerator(buffer, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create JSON generator", e);
        }
        this.rowsWritten = metrics.counter("clickhouseRowsWritten");
        Counter retries = metrics.counter("clickhouseInsertRetries");
        this.inserter = new ClickHouseInserter(settings, retries::inc);
        this.insertThread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "clickhouse-insert " + table);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        encoder.write(element, json);
        json.writeRaw('\n');
        rows++;
        if (rows >= settings.batchRows()) {
            flushBatch();
        } else if (!timerPending) {
            timerPending = true;
            // a batch flushed early by size leaves this timer to flush whatever came after it: never older than 2 intervals
            time.registerTimer(time.getCurrentProcessingTime() + settings.flushInterval().toMillis(), ts -> {
                timerPending = false;
                flushBatch();
            });
        }
    }

    /** Before a checkpoint (and at the end): everything written so far has landed when this returns. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        flushBatch();
        awaitInFlight();
    }

    /** Hands the buffered rows to the insert thread, once the batch before them has landed. */
    private void flushBatch() throws IOException, InterruptedException {
        if (rows == 0) {
            return;
        }
        json.flush();
        byte[] body = buffer.toByteArray();
        int batchRows = rows;
        buffer.reset();
        rows = 0;
        awaitInFlight();
        inFlight = insertThread.submit(() -> {
            inserter.insertUntilAccepted(table, body, batchRows);
            rowsWritten.inc(batchRows);
            return null;
        });
    }

    private void awaitInFlight() throws IOException, InterruptedException {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
            inFlight = null;
        } catch (ExecutionException e) {
            throw new IOException("ClickHouse insert into " + table + " failed", e.getCause());
        }
    }

    @Override
    public void close() throws Exception {
        // cancelling the job interrupts an insert that is still retrying; its rows are replayed from the checkpoint
        insertThread.shutdownNow();
        json.close();
        inserter.close();
    }
}
