package io.cxpulse.dedupe;

import io.cxpulse.config.StateTtl;
import io.cxpulse.model.CxEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by event_id: lets the first copy of an event through and drops producer retries of it. The memory of an id
 * expires after the TTL; replays after a failure are covered by checkpointed state, not by this TTL. Counts what it
 * drops ({@value #DUPLICATES_METRIC}): a sudden rise means a producer retrying hard.
 */
public final class DedupeByEventId extends KeyedProcessFunction<String, CxEvent, CxEvent> {

    public static final String DUPLICATES_METRIC = "duplicatesDropped";

    private final Duration ttl;
    private transient ValueState<Boolean> seen;
    private transient Counter duplicates;

    public DedupeByEventId(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        descriptor.enableTimeToLive(StateTtl.afterLastWrite(ttl));
        seen = getRuntimeContext().getState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter(DUPLICATES_METRIC);
    }

    @Override
    public void processElement(CxEvent event, Context ctx, Collector<CxEvent> out) throws Exception {
        if (seen.value() == null) {
            seen.update(Boolean.TRUE);
            out.collect(event);
        } else {
            duplicates.inc();
        }
    }
}
