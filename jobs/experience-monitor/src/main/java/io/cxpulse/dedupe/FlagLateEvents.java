package io.cxpulse.dedupe;

import io.cxpulse.ingest.AcceptedEvent;
import io.cxpulse.model.CxEvent;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Marks events whose time the watermark has already passed. They go on: late is a fact to record, not a reason to drop. */
public final class FlagLateEvents extends ProcessFunction<CxEvent, AcceptedEvent> {

    @Override
    public void processElement(CxEvent event, Context ctx, Collector<AcceptedEvent> out) {
        out.collect(new AcceptedEvent(event, event.eventTimeMs() < ctx.timerService().currentWatermark()));
    }
}
