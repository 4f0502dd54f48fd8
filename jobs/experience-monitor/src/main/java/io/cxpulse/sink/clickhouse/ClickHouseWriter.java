package io.cxpulse.sink.clickhouse;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/** One task's writer: buffers encoded rows, inserts them as one batch, retries until ClickHouse takes it. */
final class ClickHouseWriter<T> implements SinkWriter<T> {

    private final ClickHouseSettings settings;
    private final RowEncoder<T> encoder;
    private final String table;
    private final ProcessingTimeService time;
    private final ClickHouseInserter inserter;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    private final JsonGenerator json;
    private final Counter rowsWritten;

    private int rows;
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
        inserter.insertUntilAccepted(table, body, rows);
        rowsWritten.inc(rows);
        buffer.reset();
        rows = 0;
    }

    @Override
    public void close() throws Exception {
        json.close();
        inserter.close();
    }
}
