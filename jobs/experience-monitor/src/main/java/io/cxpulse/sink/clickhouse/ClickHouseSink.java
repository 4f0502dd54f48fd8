package io.cxpulse.sink.clickhouse;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes a stream into one ClickHouse table in JSONEachRow batches (Sink v2). Batches are flushed by size, by time
 * and on every checkpoint; a failed insert is retried with back-off for as long as it takes, which holds the task and
 * so back-pressures the job instead of dropping rows. Rows are keyed so a replay rewrites them (ReplacingMergeTree).
 */
public final class ClickHouseSink<T> implements Sink<T> {

    private final ClickHouseSettings settings;
    private final RowEncoder<T> encoder;

    public ClickHouseSink(ClickHouseSettings settings, RowEncoder<T> encoder) {
        this.settings = settings;
        this.encoder = encoder;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new ClickHouseWriter<>(settings, encoder, context.getProcessingTimeService(), context.metricGroup());
    }
}
