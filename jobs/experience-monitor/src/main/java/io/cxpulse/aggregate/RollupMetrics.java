package io.cxpulse.aggregate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by {@link #keyOf}: rolls the {@code metrics_1m} rows up into hourly or daily rows, emitted when the watermark
 * passes the bucket's end (revision 1) and again (revision + 1, coalesced per watermark advance) when a late minute
 * revision arrives. Each minute is held as its latest revision, so a late revision replaces that minute's contribution
 * rather than adding to it.
 *
 * <p>Rows of single very-late events ({@code part} != "") pass through as rows of the coarser bucket with their part.
 *
 * <p>{@code activeCustomers} of a rollup is that of its busiest minute: distinct customers do not add up across
 * minutes, and keeping them per hour or day would be a set per bucket. The exact figure per hour or day comes from
 * {@code events}: {@code count(DISTINCT customer_id)}.
 *
 * <p>{@code allowedLateness} must be at least that of {@link MinuteMetrics}, so every minute revision arrives while its
 * bucket is still held (the job gives both the same); a revision that comes too late all the same is logged and
 * counted ({@value #LATE_MINUTES_DROPPED_METRIC}), which should stay 0.
 */
public final class RollupMetrics extends KeyedProcessFunction<String, MetricRow, MetricRow> {

    private static final Logger LOG = LoggerFactory.getLogger(RollupMetrics.class);

    public static final String LATE_MINUTES_DROPPED_METRIC = "lateMinutesDropped";

    private final Grain grain;
    private transient Counter lateMinutesDropped;
    private final long allowedLatenessMs;
    private transient ValueState<MetricFigures> bucket;
    private transient MapState<Long, MetricRow> minutes;

    public RollupMetrics(Grain grain, Duration allowedLateness) {
        if (grain == Grain.MINUTE) {
            throw new IllegalArgumentException("grain must be HOUR or DAY: minutes are what is rolled up");
        }
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must not be negative, got " + allowedLateness);
        }
        this.grain = grain;
        this.allowedLatenessMs = allowedLateness.toMillis();
    }

    /** The key of a minute row's bucket at {@code grain}. */
    public static String keyOf(Grain grain, MetricRow minuteRow) {
        return grain.keyOf(minuteRow.bucketStartMs(), minuteRow.stream(), minuteRow.channel(), minuteRow.category(),
                minuteRow.region());
    }

    @Override
    public void open(OpenContext openContext) {
        bucket = getRuntimeContext().getState(
                new ValueStateDescriptor<>("bucket", TypeInformation.of(MetricFigures.class)));
        minutes = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("bucket-minutes", Types.LONG, TypeInformation.of(MetricRow.class)));
        lateMinutesDropped = getRuntimeContext().getMetricGroup().counter(LATE_MINUTES_DROPPED_METRIC);
    }

    @Override
    public void processElement(MetricRow row, Context ctx, Collector<MetricRow> out) throws Exception {
        long start = grain.startOf(row.bucketStartMs());
        long end = grain.endOf(start);
        if (!row.part().isEmpty()) {
            MetricFigures single = MetricFigures.of(start, row);
            single.add(row);
            single.revision = row.revision();
            BucketEmission.collect(out, single.toRow(grain, row.part()), end);
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        MetricFigures f = bucket.value();
        if (f == null && watermark >= BucketEmission.cleanupTimer(end, allowedLatenessMs)) {
            LOG.warn("{} rollup of {} let go before minute {} revision {} arrived: the minute rollup allows more lateness"
                    + " than this one", grain.wireName(), start, row.bucketStartMs(), row.revision());
            lateMinutesDropped.inc();
            return;
        }
        MetricRow held = minutes.get(row.bucketStartMs());
        if (held != null && held.revision() > row.revision()) {
            return; // overtaken by a later revision of the same minute
        }
        if (f == null) {
            f = MetricFigures.of(start, row);
            ctx.timerService().registerEventTimeTimer(BucketEmission.cleanupTimer(end, allowedLatenessMs));
        }
        minutes.put(row.bucketStartMs(), row);
        f.changed = true;
        ctx.timerService().registerEventTimeTimer(BucketEmission.emitTimer(end, watermark));
        bucket.update(f);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricRow> out) throws Exception {
        MetricFigures f = bucket.value();
        if (f == null) {
            return;
        }
        long end = grain.endOf(f.bucketStartMs);
        if (f.changed) {
            addUpMinutes(f);
            BucketEmission.collect(out, f.emitRevision(grain), end);
        }
        if (timestamp >= BucketEmission.cleanupTimer(end, allowedLatenessMs)) {
            bucket.clear();
            minutes.clear();
        } else {
            bucket.update(f);
        }
    }

    /** In minute order, so the floating-point sums come out the same whatever order the minutes arrived in. */
    private void addUpMinutes(MetricFigures f) throws Exception {
        List<MetricRow> rows = new ArrayList<>();
        for (MetricRow r : minutes.values()) {
            rows.add(r);
        }
        rows.sort(Comparator.comparingLong(MetricRow::bucketStartMs));
        f.resetFigures();
        for (MetricRow r : rows) {
            f.add(r);
        }
    }
}
