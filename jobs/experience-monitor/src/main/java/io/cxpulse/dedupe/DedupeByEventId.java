package io.cxpulse.dedupe;

import io.cxpulse.config.StateTtl;
import io.cxpulse.model.CxEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets the first copy of an event through and drops producer retries of it, remembering each id for the TTL (replays
 * after a failure are covered by checkpointed state, not by this TTL). Counts what it drops
 * ({@value #DUPLICATES_METRIC}): a sudden rise means a producer retrying hard.
 *
 * <p>Keyed by the event's customer ({@link #keyOf}), not by its id: all of a customer's events then pass one instance
 * and reach her scoring over one channel, in the order they were read. Keyed by id, two of her events could take two
 * instances and overtake each other on the way, and her scores and alerts would depend on timing. Events that name no
 * customer (mentions known only by a handle) are keyed by their id.
 */
public final class DedupeByEventId extends KeyedProcessFunction<String, CxEvent, CxEvent> {

    public static final String DUPLICATES_METRIC = "duplicatesDropped";

    private final Duration ttl;
    private transient MapState<String, Boolean> seen;
    private transient Counter duplicates;

    public DedupeByEventId(Duration ttl) {
        this.ttl = ttl;
    }

    /**
     * The customer, or for an event without one its id, marked so it does not share a customer's key (if it did, no
     * harm: ids are remembered one by one).
     */
    public static String keyOf(CxEvent event) {
        String customer = event.customerId();
        return customer == null || customer.isEmpty() ? "\u0000" + event.eventId() : customer;
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Boolean> descriptor =
                new MapStateDescriptor<>("seen-event-ids", Types.STRING, Types.BOOLEAN);
        // per entry: each id is forgotten on its own, however busy its customer stays
        descriptor.enableTimeToLive(StateTtl.afterLastWrite(ttl));
        seen = getRuntimeContext().getMapState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter(DUPLICATES_METRIC);
    }

    @Override
    public void processElement(CxEvent event, Context ctx, Collector<CxEvent> out) throws Exception {
        if (seen.contains(event.eventId())) {
            duplicates.inc();
        } else {
            seen.put(event.eventId(), Boolean.TRUE);
            out.collect(event);
        }
    }
}
