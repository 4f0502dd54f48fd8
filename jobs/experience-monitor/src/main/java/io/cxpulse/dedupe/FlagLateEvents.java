package io.cxpulse.dedupe;

import io.cxpulse.ingest.AcceptedEvent;
import io.cxpulse.model.CxEvent;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Marks events whose time the watermark has already passed. They go on: late is a fact to record, not a reason to drop.
 * Counted ({@value #LATE_METRIC}) so that a producer running behind, or a too small {@code --max-out-of-orderness},
 * shows before the late share skews the live figures.
 */
public final class FlagLateEvents extends ProcessFunction<CxEvent, AcceptedEvent> {

    public static final String LATE_METRIC = "lateEvents";

    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().counter(LATE_METRIC);
    }

    @Override
    public void processElement(CxEvent event, Context ctx, Collector<AcceptedEvent> out) {
        boolean isLate = event.eventTimeMs() < ctx.timerService().currentWatermark();
        if (isLate) {
            late.inc();
        }
        out.collect(new AcceptedEvent(event, isLate));
    }
}
