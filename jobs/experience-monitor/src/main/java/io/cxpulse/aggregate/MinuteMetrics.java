package io.cxpulse.aggregate;

import java.time.Duration;
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

/**
 * Keyed by {@link MetricEvent#minuteKey()} (a minute and its dimensions): adds up the minute's events and emits its
 * {@code metrics_1m} row when the watermark passes the minute's end (revision 1).
 *
 * <p>A late event within {@code allowedLateness} of the minute's end updates the figures and the row is emitted again
 * as revision + 1 at the next watermark advance (late events under one watermark make one revision). After that the
 * minute's state is let go; an event later still gets a row of its own with {@code part} = its event id (revision 1),
 * so it is counted and a replay rewrites that row rather than adding one. Rows are stamped with the minute's end - 1.
 *
 * <p>Everything is in event time, so a replay emits the same final rows.
 *
 * <p>Counts the events that came after the watermark had passed their minute's end: {@value #LATE_REVISED_METRIC}
 * (folded into a revision) and {@value #LATE_OWN_ROW_METRIC} (beyond the allowed lateness: a row of their own). None
 * is dropped.
 */
public final class MinuteMetrics extends KeyedProcessFunction<String, MetricEvent, MetricRow> {

    public static final String LATE_REVISED_METRIC = "lateEventsRevised";
    public static final String LATE_OWN_ROW_METRIC = "lateEventsOwnRow";

    private final long allowedLatenessMs;
    private transient Counter lateRevised;
    private transient Counter lateOwnRow;
    private transient ValueState<MetricFigures> minute;
    /** The minute's distinct customers: a map, so each event is one point lookup whatever the minute's size. */
    private transient MapState<String, Boolean> customers;

    public MinuteMetrics(Duration allowedLateness) {
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowedLateness must not be negative, got " + allowedLateness);
        }
        this.allowedLatenessMs = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        minute = getRuntimeContext().getState(
                new ValueStateDescriptor<>("minute", TypeInformation.of(MetricFigures.class)));
        customers = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("minute-customers", Types.STRING, Types.BOOLEAN));
        lateRevised = getRuntimeContext().getMetricGroup().counter(LATE_REVISED_METRIC);
        lateOwnRow = getRuntimeContext().getMetricGroup().counter(LATE_OWN_ROW_METRIC);
    }

    @Override
    public void processElement(MetricEvent e, Context ctx, Collector<MetricRow> out) throws Exception {
        long start = Grain.MINUTE.startOf(e.eventTimeMs());
        long end = Grain.MINUTE.endOf(start);
        long watermark = ctx.timerService().currentWatermark();
        MetricFigures f = minute.value();
        if (f == null && watermark >= BucketEmission.cleanupTimer(end, allowedLatenessMs)) {
            // the minute's row is final: this event gets one of its own
            lateOwnRow.inc();
            MetricFigures alone = MetricFigures.of(start, e);
            alone.add(e, !e.customerId().isEmpty());
            alone.revision = 1;
            BucketEmission.collect(out, alone.toRow(Grain.MINUTE, e.eventId()), end);
            return;
        }
        if (watermark >= end - 1) {
            lateRevised.inc(); // the emission timer at end - 1 has fired: this event makes a revision
        }
        if (f == null) {
            f = MetricFigures.of(start, e);
            ctx.timerService().registerEventTimeTimer(BucketEmission.cleanupTimer(end, allowedLatenessMs));
        }
        boolean newCustomer = !e.customerId().isEmpty() && !customers.contains(e.customerId());
        if (newCustomer) {
            customers.put(e.customerId(), Boolean.TRUE);
        }
        f.add(e, newCustomer);
        ctx.timerService().registerEventTimeTimer(BucketEmission.emitTimer(end, watermark));
        minute.update(f);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<MetricRow> out) throws Exception {
        MetricFigures f = minute.value();
        if (f == null) {
            return;
        }
        long end = Grain.MINUTE.endOf(f.bucketStartMs);
        if (f.changed) {
            BucketEmission.collect(out, f.emitRevision(Grain.MINUTE), end);
        }
        if (timestamp >= BucketEmission.cleanupTimer(end, allowedLatenessMs)) {
            minute.clear();
            customers.clear();
        } else {
            minute.update(f);
        }
    }
}
