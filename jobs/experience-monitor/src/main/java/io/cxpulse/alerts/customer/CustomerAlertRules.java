package io.cxpulse.alerts.customer;

import io.cxpulse.config.StateTtl;
import static io.cxpulse.alerts.customer.Transitions.orEmpty;

import io.cxpulse.alerts.Alert;
import io.cxpulse.alerts.ContactSuppression;
import io.cxpulse.alerts.customer.Transitions.Reason;
import io.cxpulse.churn.CustomerScore;
import io.cxpulse.churn.CustomerUpdate;
import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.profile.CustomerStatus;
import java.time.Duration;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by customer_id, fed every {@link CustomerUpdate}: the account manager's alerts about one customer
 * ({@code churn_risk}, {@code vip_negative_experience}, {@code complaint_unresolved}, {@code recovery}), each opened
 * once per situation, with the reasons in plain words, and the customer's contact-suppression transitions on
 * {@link #SUPPRESSION}. Timers are event-time, ids are made of what identifies the situation, so a replay decides
 * the same. A churned customer gets no new alert; her open ones are resolved. An erased customer's state is cleared
 * without a word (her timers then find nothing and do nothing).
 */
public final class CustomerAlertRules extends KeyedProcessFunction<String, CustomerUpdate, Alert> {

    /** The customer's "do not market to her now" transitions. */
    public static final OutputTag<ContactSuppression> SUPPRESSION = new OutputTag<>("contact-suppression") {};

    /** Newest event ids kept per customer: evidence, and recognising a repeated update. */
    static final int RECENT_EVENTS = 5;

    private final CustomerAlertSettings settings;
    private final Duration stateTtl;
    private transient ValueState<CustomerAlertState> state;
    private transient ChurnRiskRule churnRisk;
    private transient VipNegativeExperienceRule vipNegative;
    private transient ComplaintRules complaints;
    private transient ContactSuppressionRule suppression;

    public CustomerAlertRules(CustomerAlertSettings settings, Duration stateTtl) {
        this.settings = settings.validate();
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<CustomerAlertState> descriptor =
                CustomerAlertStateSerializer.descriptor("customer-alerts");
        descriptor.enableTimeToLive(StateTtl.afterLastWrite(stateTtl));
        state = getRuntimeContext().getState(descriptor);
        churnRisk = new ChurnRiskRule(settings.churnRisk());
        vipNegative = new VipNegativeExperienceRule(settings.vipNegativeExperience());
        complaints = new ComplaintRules(settings.complaintUnresolved(), settings.recovery());
        suppression = new ContactSuppressionRule(settings.contactSuppression());
    }

    @Override
    public void processElement(CustomerUpdate update, Context ctx, Collector<Alert> collector) throws Exception {
        if (update.isErasure()) {
            state.clear();
            return;
        }
        CustomerAlertState s = state.value();
        if (s == null) {
            s = new CustomerAlertState();
        }
        Outputs out = outputs(ctx, collector);
        String statusBefore = s.status;
        standing(s, ctx.getCurrentKey(), update.score());
        // a repeated event (a replayed or duplicated update) changes nothing the rules count
        EnrichedEvent event = update.event() != null && !isRecent(s, update.event().event().eventId())
                ? update.event() : null;
        String triggerId = update.event() != null ? update.event().event().eventId() : "";

        churnRisk.evaluate(s, update, statusBefore, out);
        if (CustomerStatus.CHURNED.equals(s.status)) {
            if (!CustomerStatus.CHURNED.equals(statusBefore)) {
                resolveAllOnChurn(s, triggerId, update.timeMs(), out);
            }
        } else {
            if (event != null) {
                vipNegative.onEvent(s, event, out);
            }
            complaints.onUpdate(s, update, event, out);
        }
        suppression.onUpdate(s, event == null ? null : event.event(), triggerId, update.timeMs(), out);

        if (event != null) {
            remember(s, event.event().eventId());
        }
        s.latestMs = Math.max(s.latestMs, update.timeMs());
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> collector) throws Exception {
        CustomerAlertState s = state.value();
        if (s == null) {
            return;
        }
        Outputs out = outputs(ctx, collector);
        vipNegative.onTimer(s, timestamp, out);
        complaints.onTimer(s, timestamp, out);
        suppression.onTimer(s, timestamp, out);
        state.update(s);
    }

    private void resolveAllOnChurn(CustomerAlertState s, String triggerId, long t, Outputs out) {
        Reason cancelled = new Reason("The customer cancelled", "客户已取消");
        vipNegative.onChurned(s, cancelled, triggerId, t, out);
        complaints.onChurned(s, cancelled, triggerId, t, out);
    }

    /** The customer as this update's score has her; alerts raised later by timers are routed the same way. */
    private static void standing(CustomerAlertState s, String customerId, CustomerScore score) {
        s.customerId = customerId;
        s.tier = orEmpty(score.tier());
        s.region = orEmpty(score.region());
        s.accountManager = orEmpty(score.accountManager());
        s.accountManagerEmail = orEmpty(score.accountManagerEmail());
        s.status = orEmpty(score.status());
        s.risk = score.risk();
        s.openComplaints = score.openComplaints();
    }

    private static boolean isRecent(CustomerAlertState s, String eventId) {
        return Arrays.asList(s.recentEventIds).contains(eventId);
    }

    private static void remember(CustomerAlertState s, String eventId) {
        String[] ids = s.recentEventIds;
        int keep = Math.min(ids.length, RECENT_EVENTS - 1);
        String[] next = Arrays.copyOfRange(ids, ids.length - keep, ids.length + 1);
        next[keep] = eventId;
        s.recentEventIds = next;
    }

    private static Outputs outputs(Context ctx, Collector<Alert> collector) {
        return new Outputs() {
            @Override
            public void alert(Alert alert) {
                collector.collect(alert);
            }

            @Override
            public void suppression(ContactSuppression transition) {
                ctx.output(SUPPRESSION, transition);
            }

            @Override
            public void wakeAt(long timeMs) {
                ctx.timerService().registerEventTimeTimer(timeMs);
            }
        };
    }
}
