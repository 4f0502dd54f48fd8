package io.cxpulse.sink.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One task's writer: buffers encoded rows, inserts them as one batch, retries until ClickHouse takes it. */
final class ClickHouseWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseWriter.class);
    private static final long FIRST_BACKOFF_MS = 100;

    private final ClickHouseSettings settings;
    private final RowEncoder<T> encoder;
    private final String table;
    private final ProcessingTimeService time;
    private final Client client;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    private final JsonGenerator json;
    private final Counter rowsWritten;
    private final Counter insertRetries;

    private int rows;
    private long batchNumber;
    private boolean timerPending;

    ClickHouseWriter(ClickHouseSettings settings, RowEncoder<T> encoder, ProcessingTimeService time,
            SinkWriterMetricGroup metrics) {
        this.settings = settings;
        this.encoder = encoder;
        this.table = settings.table(encoder.table());
        this.time = time;
        this.client = settings.newClient();
        try {
            this.json = new JsonFactory().createGenerator(buffer, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create JSON generator", e);
        }
        this.rowsWritten = metrics.counter("clickhouseRowsWritten");
        this.insertRetries = metrics.counter("clickhouseInsertRetries");
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
            long batch = batchNumber;
            time.registerTimer(time.getCurrentProcessingTime() + settings.flushInterval().toMillis(), ts -> {
                timerPending = false;
                if (batch == batchNumber && rows > 0) {
                    flushBatch();
                }
            });
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        flushBatch();
    }

    private void flushBatch() throws IOException, InterruptedException {
        if (rows == 0) {
            return;
        }
        json.flush();
        byte[] body = buffer.toByteArray();
        insertUntilAccepted(body, rows);
        rowsWritten.inc(rows);
        buffer.reset();
        rows = 0;
        batchNumber++;
    }

    private void insertUntilAccepted(byte[] body, int batchRows) throws InterruptedException {
        long backoff = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                client.insert(table, new ByteArrayInputStream(body), ClickHouseFormat.JSONEachRow)
                        .get(settings.flushInterval().toMillis() + 120_000, TimeUnit.MILLISECONDS)
                        .close();
                if (attempt > 1) {
                    LOG.info("ClickHouse insert into {} of {} rows succeeded after {} attempts", table, batchRows, attempt);
                }
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                insertRetries.inc();
                LOG.warn("ClickHouse insert into {} of {} rows failed (attempt {}), retrying in {} ms: {}", table,
                        batchRows, attempt, backoff, ClickHouseErrors.summarize(e));
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, settings.maxBackoff().toMillis());
            }
        }
    }

    @Override
    public void close() throws Exception {
        json.close();
        client.close();
    }
}
