package io.cxpulse.aggregate;

/**
 * What one event contributes to its minute's {@link MetricRow}: its time, dimensions and the facts that are counted.
 * Built by {@link MetricEvents} (events) and {@link AlertMinutes} (alerts opened). Absent dimensions are "".
 *
 * @param eventId           the event's id (an alert's id): names the row of an event beyond the allowed lateness
 * @param stream            event_type wire name, or {@code alert}
 * @param channel           complaint channel, click device, social platform; "" for service events
 * @param category          the complaint category (alerts: the alert kind), else ""
 * @param region            the customer's region from the profile, "" when unknown
 * @param customerId        "" when the event has no known customer (it then counts in no active-customer figure)
 * @param sentiment         the text's score, NaN without one
 * @param waitMs            the wait the customer had, null when the event carries none
 * @param late              arrived after the watermark had passed it (flagged at ingest)
 * @param alertOpened       an alert opened (rows of stream {@code alert})
 */
public record MetricEvent(
        String eventId,
        long eventTimeMs,
        String stream,
        String channel,
        String category,
        String region,
        String customerId,
        double sentiment,
        boolean complaintOpened,
        boolean complaintResolved,
        boolean slaBreach,
        Long waitMs,
        boolean late,
        boolean alertOpened) {

    public MetricEvent {
        eventId = orEmpty(eventId);
        stream = orEmpty(stream);
        channel = orEmpty(channel);
        category = orEmpty(category);
        region = orEmpty(region);
        customerId = orEmpty(customerId);
    }

    /** The key {@link MinuteMetrics} is keyed by: the minute and the dimensions. */
    public String minuteKey() {
        return Grain.MINUTE.keyOf(eventTimeMs, stream, channel, category, region);
    }

    public boolean hasSentiment() {
        return !Double.isNaN(sentiment);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
