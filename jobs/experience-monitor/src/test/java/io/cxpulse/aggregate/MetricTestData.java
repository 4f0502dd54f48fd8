package io.cxpulse.aggregate;

import io.cxpulse.alerts.Alert;
import io.cxpulse.churn.CustomerScore;
import io.cxpulse.churn.CustomerUpdate;
import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;
import io.cxpulse.model.SourceRef;
import java.util.concurrent.atomic.AtomicLong;

/** Events, updates and alerts for the aggregate tests, at times counted from a day-aligned start. */
final class MetricTestData {

    /** A UTC midnight, so minutes, hours and the day all start here. */
    static final long T0 = Grain.DAY.startOf(1_790_000_000_000L);
    private static final AtomicLong IDS = new AtomicLong();

    private MetricTestData() {}

    static long at(int minute, int second) {
        return T0 + minute * 60_000L + second * 1000L;
    }

    static long minuteEnd(int minute) {
        return T0 + (minute + 1) * 60_000L;
    }

    private static EnrichedEvent event(EventType type, String kind, long time, String customer, String channel,
            String platform, String category, Float sentiment, Long waitMs) {
        CxEvent e = new CxEvent("m" + IDS.incrementAndGet(), type, kind, customer, time, channel, null, "case",
                sentiment == null ? null : "text", null, null, waitMs, null, null, null, null, platform, null, null,
                null, null, new SourceRef("t", 0, 0, time), "{}");
        return new EnrichedEvent(e, false, sentiment, sentiment == null ? null : 0.9f, null, "test", category,
                category == null ? null : "producer", null, customer == null ? null : "event");
    }

    static EnrichedEvent complaint(long time, String customer, String status, String category, Float sentiment) {
        return event(EventType.COMPLAINT, status, time, customer, "app", null, category, sentiment, null);
    }

    static EnrichedEvent service(long time, String customer, String type, Long waitMs) {
        return event(EventType.SERVICE_EVENT, type, time, customer, null, null, null, null, waitMs);
    }

    static EnrichedEvent click(long time, String customer, String action, String device) {
        return event(EventType.CLICK, action, time, customer, device, null, null, null, null);
    }

    static EnrichedEvent mention(long time, String customer, String platform, Float sentiment) {
        return event(EventType.SOCIAL_MENTION, "mention", time, customer, platform, platform, null, sentiment, null);
    }

    static EnrichedEvent late(EnrichedEvent e) {
        return new EnrichedEvent(e.event(), true, e.sentiment(), e.sentimentConfidence(), e.language(),
                e.modelVersion(), e.category(), e.categorySource(), e.department(), e.customerSource());
    }

    static CustomerUpdate update(EnrichedEvent e, String region) {
        String customer = e.event().customerId();
        CustomerScore score = new CustomerScore(customer, e.event().eventTimeMs(), 1, e.event().eventId(),
                "event:" + e.event().type().wireName(), 0.1f, "active", 0, 0, new String[0], new float[0], "", "",
                new float[0], 0, 0, 0, "standard", region, "am", "am@example.com", "test");
        return new CustomerUpdate(customer, e.event().eventTimeMs(), e, score, false);
    }

    /** The event as the minute metrics see it, through its customer update. */
    static MetricEvent metric(EnrichedEvent e, String region) {
        return MetricEvents.of(update(e, region));
    }

    static Alert alert(String kind, int revision, long openedAt, String channel, String region) {
        return new Alert("a" + IDS.incrementAndGet(), kind, "high", revision == 1 ? Alert.OPEN : Alert.RESOLVED,
                revision, "category_region", "billing|" + region, "", "billing", channel, region, "ops", "", "",
                "reason", "原因", new String[] {"e1"}, new String[] {"observed"}, new double[] {5}, openedAt,
                openedAt + (revision - 1) * 60_000L, 0);
    }
}
