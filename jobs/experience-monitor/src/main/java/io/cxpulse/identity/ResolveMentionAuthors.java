package io.cxpulse.identity;

import io.cxpulse.enrich.EnrichedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by {@code platform:handle}: attributes mentions to the customer whose profile claims the handle. A mention
 * that arrives before the profile that explains it waits up to {@code maxWait}, then goes on unattributed (it still
 * counts in aggregates). The wait is bounded on both clocks: in event time, so that replays decide alike, and in
 * processing time, so that a quiet stream whose watermark stands still does not hold a mention back forever.
 * Keyed state, not a broadcast: it scales with the number of handles. An erased customer's handle is released: it
 * no longer names her, and mentions still waiting for it are dropped unstored (they are hers).
 */
public final class ResolveMentionAuthors extends KeyedCoProcessFunction<String, EnrichedEvent, HandleChange, EnrichedEvent> {

    private final long maxWaitMs;
    private final Duration stateTtl;
    private transient ValueState<HandleClaim> owner;
    private transient ListState<WaitingMention> waiting;

    public ResolveMentionAuthors(Duration maxWait, Duration stateTtl) {
        this.maxWaitMs = maxWait.toMillis();
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<HandleClaim> ownerDescriptor =
                new ValueStateDescriptor<>("owner", TypeInformation.of(HandleClaim.class));
        ownerDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(stateTtl)
                .setUpdateType(StateTtlConfig.UpdateType.OnReadAndWrite).build());
        owner = getRuntimeContext().getState(ownerDescriptor);
        waiting = getRuntimeContext().getListState(
                new ListStateDescriptor<>("waiting", TypeInformation.of(WaitingMention.class)));
    }

    @Override
    public void processElement1(EnrichedEvent mention, Context ctx, Collector<EnrichedEvent> out) throws Exception {
        HandleClaim claim = owner.value();
        if (claim != null) {
            out.collect(mention.resolvedTo(claim.customerId()));
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        waiting.add(new WaitingMention(mention, now));
        ctx.timerService().registerEventTimeTimer(mention.event().eventTimeMs() + maxWaitMs);
        ctx.timerService().registerProcessingTimeTimer(now + maxWaitMs);
    }

    @Override
    public void processElement2(HandleChange change, Context ctx, Collector<EnrichedEvent> out) throws Exception {
        HandleClaim claim = change.claim();
        HandleClaim current = owner.value();
        if (change.released()) {
            // a newer claim by someone else keeps the handle; their mentions never wait, so nothing waiting is theirs
            if (current == null || current.customerId().equals(claim.customerId())) {
                owner.clear();
                waiting.clear();
            }
            return;
        }
        if (current != null && current.updatedAtMs() > claim.updatedAtMs()) {
            return;
        }
        owner.update(claim);
        for (WaitingMention w : waiting.get()) {
            out.collect(w.mention().resolvedTo(claim.customerId()));
        }
        waiting.clear();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EnrichedEvent> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        long now = ctx.timerService().currentProcessingTime();
        List<WaitingMention> stillWaiting = new ArrayList<>();
        for (WaitingMention w : waiting.get()) {
            if (w.mention().event().eventTimeMs() + maxWaitMs <= watermark || w.arrivedMs() + maxWaitMs <= now) {
                out.collect(w.mention());
            } else {
                stillWaiting.add(w);
            }
        }
        waiting.update(stillWaiting);
    }
}
