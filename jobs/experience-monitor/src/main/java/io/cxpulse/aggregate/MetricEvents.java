package io.cxpulse.aggregate;

import io.cxpulse.churn.CustomerUpdate;
import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;

/**
 * Maps the job's events to {@link MetricEvent}s. Every accepted event reaches the minute metrics exactly once, by one
 * of two ways, so the figures agree with {@code events}: an event with a customer through its {@link CustomerUpdate}
 * (which carries the customer's region as the profile stood), a social mention no customer could be found for
 * directly (region "").
 */
public final class MetricEvents {

    private MetricEvents() {}

    /** Only updates caused by an event count; inactivity checks and profile changes carry none. */
    public static boolean hasEvent(CustomerUpdate update) {
        return update.event() != null;
    }

    public static MetricEvent of(CustomerUpdate update) {
        if (update.event() == null) {
            throw new IllegalArgumentException("customer update of " + update.customerId() + " at " + update.timeMs()
                    + " carries no event");
        }
        return of(update.event(), update.score() == null ? "" : update.score().region());
    }

    /** A mention whose author is not known to be a customer. */
    public static MetricEvent ofUnresolved(EnrichedEvent event) {
        return of(event, "");
    }

    private static MetricEvent of(EnrichedEvent enriched, String region) {
        CxEvent e = enriched.event();
        EventType type = e.type();
        String kind = e.kind() == null ? "" : e.kind();
        return new MetricEvent(
                e.eventId(),
                e.eventTimeMs(),
                type.wireName(),
                // the decoder puts the device of a click and the platform of a mention into channel; say so for mentions
                type == EventType.SOCIAL_MENTION ? e.platform() : e.channel(),
                enriched.category(),
                region,
                e.customerId(),
                enriched.sentiment() == null ? Double.NaN : enriched.sentiment(),
                type == EventType.COMPLAINT && kind.equals("opened"),
                type == EventType.COMPLAINT && (kind.equals("resolved") || kind.equals("closed")),
                type == EventType.SERVICE_EVENT && kind.equals("sla_breached"),
                e.waitMs(),
                enriched.late(),
                false);
    }
}
