package io.cxpulse.churn;

import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;
import io.cxpulse.model.SourceRef;
import io.cxpulse.profile.Decay;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Test events for one customer's story, in days from a fixed start. */
public final class Events {

    public static final long T0 = 1_790_000_000_000L;
    private static final AtomicLong IDS = new AtomicLong();

    private Events() {}

    public static long day(double d) {
        return T0 + (long) (d * Decay.DAY_MS);
    }

    private static EnrichedEvent of(String customer, EventType type, String kind, double day, String caseId, Long waitMs,
            Double score, Float sentiment, Long followers, String platform, String handle) {
        CxEvent e = new CxEvent("e" + IDS.incrementAndGet(), type, kind, customer, day(day), null, null, caseId,
                sentiment == null ? null : "text", null, null, waitMs, null, score, null, null, platform, handle, followers,
                null, null, new SourceRef("t", 0, 0, day(day)), "{}");
        return new EnrichedEvent(e, false, sentiment, sentiment == null ? null : 0.9f, sentiment == null ? null : "en",
                "test", null, null, null, customer == null ? null : "event");
    }

    public static EnrichedEvent click(String customer, double day, String action) {
        return of(customer, EventType.CLICK, action, day, "s", null, null, null, null, null, null);
    }

    public static EnrichedEvent complaint(String customer, double day, String caseId, String status, Float sentiment) {
        return of(customer, EventType.COMPLAINT, status, day, caseId, null, null, sentiment, null, null, null);
    }

    public static EnrichedEvent service(String customer, double day, String type, Long waitMs, Double score) {
        return of(customer, EventType.SERVICE_EVENT, type, day, "case", waitMs, score, null, null, null, null);
    }

    public static EnrichedEvent mention(String customer, double day, float sentiment, long followers) {
        return of(customer, EventType.SOCIAL_MENTION, "mention", day, null, null, null, sentiment, followers, "weibo", "@someone");
    }

    public static EnrichedEvent mentionByHandle(String platform, String handle, double day) {
        return of(null, EventType.SOCIAL_MENTION, "mention", day, null, null, null, -0.8f, 1000L, platform, handle);
    }

    public static CustomerProfile profile(String customer, double day, String manager, Map<String, String> handles) {
        return new CustomerProfile(customer, day(day), "Name", "consumer", "vip", "east", manager, manager + "@example.com",
                handles, true, 1000.0, null, new SourceRef("cx.customers", 0, 0, day(day)));
    }
}
