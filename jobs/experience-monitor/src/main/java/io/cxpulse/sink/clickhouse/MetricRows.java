package io.cxpulse.sink.clickhouse;

import static io.cxpulse.sink.clickhouse.RowEncoder.dateTime;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cxpulse.aggregate.MetricRow;
import java.io.IOException;

/** {@code metrics_1m}, {@code metrics_1h} and {@code metrics_1d} share their columns; the means are derived here. */
public final class MetricRows implements RowEncoder<MetricRow> {

    private final String table;

    /** @param table {@code metrics_1m | metrics_1h | metrics_1d} */
    public MetricRows(String table) {
        this.table = table;
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public void write(MetricRow r, JsonGenerator j) throws IOException {
        j.writeStartObject();
        j.writeStringField("bucket_start", dateTime(r.bucketStartMs()));
        j.writeNumberField("bucket_start_ms", r.bucketStartMs());
        j.writeStringField("stream", r.stream());
        j.writeStringField("channel", r.channel());
        j.writeStringField("category", r.category());
        j.writeStringField("region", r.region());
        j.writeStringField("part", r.part());
        j.writeNumberField("events", r.events());
        j.writeNumberField("sentiment_count", r.sentimentCount());
        j.writeNumberField("sentiment_sum", r.sentimentSum());
        j.writeNumberField("sentiment_mean", ratio(r.sentimentSum(), r.sentimentCount()));
        j.writeNumberField("negative_count", r.negativeCount());
        j.writeNumberField("negative_share", ratio(r.negativeCount(), r.sentimentCount()));
        j.writeNumberField("complaints_opened", r.complaintsOpened());
        j.writeNumberField("complaints_resolved", r.complaintsResolved());
        j.writeNumberField("sla_breaches", r.slaBreaches());
        j.writeNumberField("wait_count", r.waitCount());
        j.writeNumberField("wait_ms_sum", r.waitMsSum());
        j.writeNumberField("wait_ms_mean", ratio(r.waitMsSum(), r.waitCount()));
        j.writeNumberField("active_customers", r.activeCustomers());
        j.writeNumberField("late_events", r.lateEvents());
        j.writeNumberField("alerts_fired", r.alertsFired());
        j.writeNumberField("revision", r.revision());
        j.writeStringField("updated_at", dateTime(System.currentTimeMillis()));
        j.writeEndObject();
    }

    /** 0 for an empty bucket, where the dashboards want a number rather than NaN (JSON has none). */
    private static double ratio(double sum, long count) {
        return count == 0 ? 0 : sum / count;
    }
}
