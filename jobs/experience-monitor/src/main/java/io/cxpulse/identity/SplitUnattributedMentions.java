package io.cxpulse.identity;

import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.model.EventType;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Mentions without a customer_id leave by a side output, to be resolved through their author's handle. */
public final class SplitUnattributedMentions extends ProcessFunction<EnrichedEvent, EnrichedEvent> {

    public static final OutputTag<EnrichedEvent> UNATTRIBUTED = new OutputTag<>("unattributed-mentions") {};

    @Override
    public void processElement(EnrichedEvent e, Context ctx, Collector<EnrichedEvent> out) {
        if (e.event().customerId() == null && e.event().type() == EventType.SOCIAL_MENTION) {
            ctx.output(UNATTRIBUTED, e);
        } else {
            out.collect(e);
        }
    }

    public static String handleKeyOf(EnrichedEvent e) {
        return HandleClaim.key(e.event().platform(), e.event().authorHandle());
    }
}
