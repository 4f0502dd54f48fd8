package io.cxpulse.profile;

import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.CxEvent;
import java.util.Arrays;
import java.util.Set;

/**
 * How each event changes a customer's state. Pure functions over {@link CustomerState}, so every rule is unit-tested
 * without Flink; the keyed operator only loads, applies and stores.
 */
public final class CustomerUpdates {

    /** Open complaints kept per customer; beyond this the oldest is forgotten (a bound on state size). */
    static final int MAX_OPEN_COMPLAINTS = 20;
    /** A complaint resolved within this time counts as a quick resolution, which protects the relationship. */
    static final long QUICK_RESOLUTION_MS = 24 * Decay.HOUR_MS;

    /** Service events the company emits about the customer; they are experience, not the customer's own activity. */
    private static final Set<String> NOT_CUSTOMER_ACTIVITY = Set.of("delivery_late", "sla_breached", "refund_issued",
            "repair_completed", "repair_scheduled", "ticket_resolved", "callback_missed", "subscription_cancelled",
            "account_closed");

    private CustomerUpdates() {}

    public static void applyProfile(CustomerState s, CustomerProfile p) {
        if (s.hasProfile && p.updatedAtMs() < s.profileUpdatedMs) {
            return;
        }
        s.hasProfile = true;
        s.profileUpdatedMs = p.updatedAtMs();
        s.tier = p.tier();
        s.region = p.region();
        s.accountManager = p.accountManager();
        s.accountManagerEmail = p.accountManagerEmail();
        s.name = p.name();
    }

    public static void apply(CustomerState s, EnrichedEvent enriched) {
        CxEvent e = enriched.event();
        long t = e.eventTimeMs();
        advanceTo(s, t);
        if (s.firstSeenMs == 0 || t < s.firstSeenMs) {
            s.firstSeenMs = t;
        }
        if (isCustomerActivity(e)) {
            s.lastActivityMs = Math.max(s.lastActivityMs, t);
        }
        if (enriched.sentiment() != null) {
            double w = Math.max(0.05, enriched.sentimentConfidence() == null ? 0.5 : enriched.sentimentConfidence());
            double v = enriched.sentiment();
            s.sentimentShortSum += w * v * weight(s, t, HalfLives.SENTIMENT_SHORT);
            s.sentimentShortWeight += w * weight(s, t, HalfLives.SENTIMENT_SHORT);
            s.sentimentLongSum += w * v * weight(s, t, HalfLives.SENTIMENT_LONG);
            s.sentimentLongWeight += w * weight(s, t, HalfLives.SENTIMENT_LONG);
        }
        switch (e.type()) {
            case CLICK -> click(s, e, t);
            case COMPLAINT -> complaint(s, e, t);
            case SERVICE_EVENT -> service(s, e, t);
            case SOCIAL_MENTION -> mention(s, enriched, t);
        }
    }

    private static void click(CustomerState s, CxEvent e, long t) {
        s.visitsShort += weight(s, t, HalfLives.VISITS_SHORT);
        s.visitsLong += weight(s, t, HalfLives.VISITS_LONG);
        if ("cancel_flow".equals(e.kind()) || "unsubscribe".equals(e.kind())) {
            s.cancelIntent += weight(s, t, HalfLives.CANCEL_INTENT);
        }
    }

    private static void complaint(CustomerState s, CxEvent e, long t) {
        String id = e.caseId();
        int open = indexOf(s.openComplaintIds, id);
        switch (e.kind()) {
            case "opened" -> {
                if (open >= 0) {
                    s.repeatContacts += weight(s, t, HalfLives.REPEAT_CONTACTS);
                } else {
                    s.complaintsOpened += weight(s, t, HalfLives.COMPLAINTS);
                    s.complaintsRecent += weight(s, t, HalfLives.COMPLAINTS_RECENT);
                    addOpen(s, id, t);
                }
            }
            case "updated" -> s.repeatContacts += weight(s, t, HalfLives.REPEAT_CONTACTS);
            case "escalated" -> {
                s.escalations += weight(s, t, HalfLives.COMPLAINTS);
                if (open < 0) {
                    addOpen(s, id, t);
                }
            }
            case "reopened" -> {
                s.reopened += weight(s, t, HalfLives.COMPLAINTS);
                if (open < 0) {
                    addOpen(s, id, t);
                }
            }
            case "resolved", "closed" -> {
                if (open >= 0) {
                    long took = Math.max(0, t - s.openComplaintSinceMs[open]);
                    s.resolvedCount++;
                    s.resolutionHoursTotal += took / (double) Decay.HOUR_MS;
                    if (took <= QUICK_RESOLUTION_MS) {
                        s.quickResolutions += weight(s, t, HalfLives.COMPLAINTS);
                    }
                    removeOpen(s, open);
                }
            }
            default -> { }
        }
    }

    private static void service(CustomerState s, CxEvent e, long t) {
        double waitHours = e.waitMs() == null ? 0 : e.waitMs() / (double) Decay.HOUR_MS;
        switch (e.kind()) {
            case "call_answered", "call_queued" -> s.waitHours += waitHours * weight(s, t, HalfLives.TIME_COST);
            case "call_abandoned" -> {
                s.waitHours += waitHours * weight(s, t, HalfLives.TIME_COST);
                s.missedContacts += weight(s, t, HalfLives.TIME_COST);
            }
            case "callback_missed" -> s.missedContacts += weight(s, t, HalfLives.TIME_COST);
            case "sla_breached" -> s.slaBreaches += weight(s, t, HalfLives.SLA_BREACHES);
            case "delivery_late" -> s.deliveryLate += weight(s, t, HalfLives.SLA_BREACHES);
            case "plan_downgraded" -> s.downgrades += weight(s, t, HalfLives.DOWNGRADES);
            case "nps_response" -> {
                if (e.score() != null) {
                    survey(s, t, clamp((e.score() - 7.5) / 2.5));
                    s.lastNps = e.score();
                }
            }
            case "csat_response" -> {
                if (e.score() != null) {
                    survey(s, t, clamp((e.score() - 3.0) / 2.0));
                }
            }
            case "subscription_cancelled", "account_closed" -> {
                if (!CustomerStatus.CHURNED.equals(s.status)) {
                    s.status = CustomerStatus.CHURNED;
                    s.statusSinceMs = t;
                }
            }
            case "renewed" -> {
                if (CustomerStatus.CHURNED.equals(s.status)) {
                    s.status = CustomerStatus.WON_BACK;
                    s.statusSinceMs = t;
                }
                s.cancelIntent = 0; // a renewal settles the question the cancellation visits raised
            }
            default -> { }
        }
    }

    private static void mention(CustomerState s, EnrichedEvent enriched, long t) {
        if (enriched.sentiment() == null) {
            return;
        }
        long followers = enriched.event().followers() == null ? 0 : enriched.event().followers();
        s.socialEnergy += enriched.sentiment() * reach(followers) * weight(s, t, HalfLives.SOCIAL);
        if (enriched.sentiment() < 0 && isWidestRecentNegativePost(s, followers, t)) {
            s.negativeReachFollowers = followers;
            s.negativeReachAtMs = t;
        }
    }

    /** A negative post replaces the remembered one when it reaches more people, or the remembered one is no longer recent. */
    private static boolean isWidestRecentNegativePost(CustomerState s, long followers, long t) {
        boolean rememberedIsRecent = t - s.negativeReachAtMs <= RECENT_POST_MS;
        return !rememberedIsRecent || followers >= s.negativeReachFollowers;
    }

    /** How long the widest negative post is quoted in explanations. */
    public static final long RECENT_POST_MS = 2 * HalfLives.SOCIAL;

    /**
     * The weight of one post by audience: log-scaled so that 500,000 followers weigh about ten times 50, which is
     * how far a post travels rather than how many people could see it (1.0 at a million followers).
     */
    public static double reach(long followers) {
        return Math.log10(1 + Math.max(0, followers)) / 6.0;
    }

    private static void survey(CustomerState s, long t, double normalised) {
        double w = weight(s, t, HalfLives.SURVEYS);
        s.surveySum += normalised * w;
        s.surveyWeight += w;
    }

    /** Brings every decayed quantity forward to event time {@code t}; a later {@code t} only ever moves it forward. */
    public static void advanceTo(CustomerState s, long t) {
        if (s.decayedToMs == 0) {
            s.decayedToMs = t;
            return;
        }
        long dt = t - s.decayedToMs;
        if (dt <= 0) {
            return;
        }
        double shortF = Decay.factor(dt, HalfLives.SENTIMENT_SHORT);
        double longF = Decay.factor(dt, HalfLives.SENTIMENT_LONG);
        s.sentimentShortSum *= shortF;
        s.sentimentShortWeight *= shortF;
        s.sentimentLongSum *= longF;
        s.sentimentLongWeight *= longF;
        double complaints = Decay.factor(dt, HalfLives.COMPLAINTS);
        s.complaintsOpened *= complaints;
        s.complaintsRecent *= Decay.factor(dt, HalfLives.COMPLAINTS_RECENT);
        s.escalations *= complaints;
        s.reopened *= complaints;
        s.quickResolutions *= complaints;
        s.repeatContacts *= Decay.factor(dt, HalfLives.REPEAT_CONTACTS);
        double timeCost = Decay.factor(dt, HalfLives.TIME_COST);
        s.waitHours *= timeCost;
        s.missedContacts *= timeCost;
        double sla = Decay.factor(dt, HalfLives.SLA_BREACHES);
        s.slaBreaches *= sla;
        s.deliveryLate *= sla;
        s.visitsShort *= Decay.factor(dt, HalfLives.VISITS_SHORT);
        s.visitsLong *= Decay.factor(dt, HalfLives.VISITS_LONG);
        s.cancelIntent *= Decay.factor(dt, HalfLives.CANCEL_INTENT);
        s.downgrades *= Decay.factor(dt, HalfLives.DOWNGRADES);
        double surveys = Decay.factor(dt, HalfLives.SURVEYS);
        s.surveySum *= surveys;
        s.surveyWeight *= surveys;
        double social = Decay.factor(dt, HalfLives.SOCIAL);
        s.socialEnergy *= social;
        s.decayedToMs = t;
    }

    /** A late event's contribution, decayed by how far it lies behind the state's time. */
    private static double weight(CustomerState s, long t, long halfLife) {
        return Decay.factor(s.decayedToMs - t, halfLife);
    }

    private static boolean isCustomerActivity(CxEvent e) {
        return switch (e.type()) {
            case CLICK, COMPLAINT, SOCIAL_MENTION -> true;
            case SERVICE_EVENT -> !NOT_CUSTOMER_ACTIVITY.contains(e.kind());
        };
    }

    private static void addOpen(CustomerState s, String id, long t) {
        String[] ids = s.openComplaintIds;
        long[] since = s.openComplaintSinceMs;
        if (ids.length >= MAX_OPEN_COMPLAINTS) {
            int oldest = 0;
            for (int i = 1; i < since.length; i++) {
                if (since[i] < since[oldest]) {
                    oldest = i;
                }
            }
            removeOpen(s, oldest);
            ids = s.openComplaintIds;
            since = s.openComplaintSinceMs;
        }
        s.openComplaintIds = Arrays.copyOf(ids, ids.length + 1);
        s.openComplaintIds[ids.length] = id == null ? "" : id;
        s.openComplaintSinceMs = Arrays.copyOf(since, since.length + 1);
        s.openComplaintSinceMs[since.length] = t;
    }

    private static void removeOpen(CustomerState s, int i) {
        int n = s.openComplaintIds.length;
        String[] ids = new String[n - 1];
        long[] since = new long[n - 1];
        for (int k = 0, j = 0; k < n; k++) {
            if (k != i) {
                ids[j] = s.openComplaintIds[k];
                since[j++] = s.openComplaintSinceMs[k];
            }
        }
        s.openComplaintIds = ids;
        s.openComplaintSinceMs = since;
    }

    private static int indexOf(String[] ids, String id) {
        if (id == null) {
            return -1;
        }
        for (int i = 0; i < ids.length; i++) {
            if (id.equals(ids[i])) {
                return i;
            }
        }
        return -1;
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }
}
