package io.cxpulse.churn;

import io.cxpulse.config.StateTtl;
import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.model.CustomerProfile;
import io.cxpulse.profile.CustomerState;
import io.cxpulse.profile.CustomerStateSerializer;
import io.cxpulse.profile.CustomerStatus;
import io.cxpulse.profile.CustomerUpdates;
import io.cxpulse.profile.Erasure;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by customer_id: keeps the customer's state and profile, re-scores the churn risk on every event and when the
 * customer has been quiet for a while (an event-time timer, since going quiet arrives as no event), and writes a
 * score row when the risk or sentiment changed materially. An erasure ({@link Erasure}) clears all of it, writes no
 * row, and tells the operators downstream by an erasure update.
 */
public final class ScoreCustomer extends KeyedCoProcessFunction<String, EnrichedEvent, CustomerProfile, CustomerScore> {

    static final int MAX_REASONS = 3;

    /** Every update of every customer (see {@link CustomerUpdate}); still keyed by customer_id. */
    public static final OutputTag<CustomerUpdate> UPDATES = new OutputTag<>("customer-updates") {};

    private final ScoringSettings settings;
    private transient ValueState<CustomerState> state;
    private transient ChurnModel model;

    public ScoreCustomer(ScoringSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<CustomerState> descriptor = CustomerStateSerializer.descriptor("customer");
        descriptor.enableTimeToLive(StateTtl.afterLastWrite(settings.stateTtl()));
        state = getRuntimeContext().getState(descriptor);
        model = ChurnModel.load(settings.churnModel());
    }

    @Override
    public void processElement1(EnrichedEvent event, Context ctx, Collector<CustomerScore> out) throws Exception {
        CustomerState s = current();
        String statusBefore = s.status;
        CustomerUpdates.apply(s, event);
        long eventTime = event.event().eventTimeMs();
        publishIfChanged(s, ctx, Math.max(s.decayedToMs, eventTime), eventTime, event.event().eventId(),
                "event:" + event.event().type().wireName(), !s.status.equals(statusBefore), event, out);
        scheduleInactivityCheck(s, ctx, s.lastActivityMs);
        state.update(s);
    }

    /** A profile that changes who the customer is routed to re-publishes the score, so alerts reach the right person. */
    @Override
    public void processElement2(CustomerProfile profile, Context ctx, Collector<CustomerScore> out) throws Exception {
        if (Erasure.isErasure(profile)) {
            erase(ctx, profile.updatedAtMs());
            return;
        }
        CustomerState s = current();
        String routingBefore = routing(s);
        CustomerUpdates.applyProfile(s, profile);
        if (s.publishedScores > 0 && !routing(s).equals(routingBefore)) {
            publishIfChanged(s, ctx, s.decayedToMs, s.decayedToMs, "profile@" + profile.updatedAtMs(),
                    "profile", true, null, out);
        }
        state.update(s);
    }

    /** The next event of hers starts from nothing, as if she had never been seen. */
    private void erase(Context ctx, long timeMs) throws Exception {
        CustomerState s = state.value();
        if (s != null) {
            deletePending(s, ctx);
            state.clear();
        }
        ctx.output(UPDATES, CustomerUpdate.erasure(ctx.getCurrentKey(), timeMs));
    }

    private static String routing(CustomerState s) {
        return s.accountManager + "|" + s.accountManagerEmail + "|" + s.tier + "|" + s.region;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<CustomerScore> out) throws Exception {
        CustomerState s = state.value();
        if (s == null || timestamp != s.pendingTimerMs) {
            return;
        }
        s.pendingTimerMs = 0;
        long due = s.lastActivityMs + settings.inactivityCheck().toMillis();
        if (timestamp < due) {
            // set before later activity: not yet quiet for a whole step, so only move on to when she will be
            scheduleInactivityCheck(s, ctx, s.lastActivityMs);
        } else {
            publishIfChanged(s, ctx, timestamp, timestamp, "inactivity@" + timestamp, "inactivity", false, null, out);
            scheduleInactivityCheck(s, ctx, timestamp);
        }
        state.update(s);
    }

    private CustomerState current() throws Exception {
        CustomerState s = state.value();
        return s == null ? new CustomerState() : s;
    }

    /**
     * @param now       the moment the features are taken at: the newest event time the customer has seen
     * @param scoreTime the time the row is filed under: the trigger's own time, so a replay files it identically
     * @param force     publish even if nothing moved (a status or routing change)
     */
    private void publishIfChanged(CustomerState s, Context ctx, long now, long scoreTime, String trigger,
            String triggerType, boolean force, EnrichedEvent event, Collector<CustomerScore> out) {
        String customerId = ctx.getCurrentKey();
        ChurnFeatures features = ChurnFeatures.of(s, now);
        ChurnScore score = model.score(features);
        double risk = CustomerStatus.CHURNED.equals(s.status) ? 1.0 : score.risk();
        boolean first = s.lastPublishedRisk < 0;
        boolean moved = Math.abs(risk - s.lastPublishedRisk) >= settings.riskDelta()
                || Math.abs(features.sentimentNow() - s.lastPublishedSentiment) >= settings.sentimentDelta();
        boolean publish = first || moved || force;
        if (publish) {
            s.lastPublishedRisk = risk;
            s.lastPublishedSentiment = features.sentimentNow();
            s.publishedScores++;
        }
        CustomerScore row = CustomerScores.row(customerId, scoreTime, trigger, triggerType, risk, s, features, score,
                model.version(), publish);
        if (publish) {
            out.collect(row);
        }
        ctx.output(UPDATES, new CustomerUpdate(customerId, scoreTime, event, row, publish,
                publish ? null : features, publish ? null : score));
    }

    /**
     * One pending timer per customer: a step (a day by default) after the last activity, then a step after each check
     * while the customer stays quiet. Counted from the timer's own time, never from the watermark, so a replay
     * re-scores at exactly the same moments. Activity only moves the check later, so a pending timer is left where it
     * is and, when it fires early, moves itself on ({@link #onTimer}): one timer write per step per customer instead of
     * a delete and a write per event.
     */
    private void scheduleInactivityCheck(CustomerState s, Context ctx, long after) {
        if (s.lastActivityMs == 0 || CustomerStatus.CHURNED.equals(s.status)) {
            deletePending(s, ctx);
            return;
        }
        long next = after + settings.inactivityCheck().toMillis();
        if (next - s.lastActivityMs > settings.maxInactivity().toMillis()) {
            deletePending(s, ctx);
            return;
        }
        if (s.pendingTimerMs != 0 && s.pendingTimerMs <= next) {
            return;
        }
        deletePending(s, ctx);
        ctx.timerService().registerEventTimeTimer(next);
        s.pendingTimerMs = next;
    }

    private static void deletePending(CustomerState s, Context ctx) {
        if (s.pendingTimerMs != 0) {
            ctx.timerService().deleteEventTimeTimer(s.pendingTimerMs);
            s.pendingTimerMs = 0;
        }
    }
}
