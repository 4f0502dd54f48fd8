package io.cxpulse.model;

/**
 * One accepted input event, normalised across the four streams (one row of {@code cxpulse.events}).
 *
 * <p>Stream-specific fields are null where a stream does not carry them. {@code kind} is the stream's own verb:
 * the click {@code action}, the complaint {@code status}, the service event {@code type}, {@code mention} for social
 * mentions. {@code caseId} groups related events: the click session, the complaint, the service case.
 * {@code payload} is the record exactly as the producer sent it, so nothing is lost by normalising.
 */
public record CxEvent(
        String eventId,
        EventType type,
        String kind,
        String customerId,
        long eventTimeMs,
        String channel,
        String category,
        String caseId,
        String text,
        Integer severity,
        Long durationMs,
        Long waitMs,
        Long handleMs,
        Double score,
        String department,
        String page,
        String platform,
        String authorHandle,
        Long followers,
        Long likes,
        Long shares,
        SourceRef source,
        String payload) {

    public boolean hasText() {
        return text != null && !text.isEmpty();
    }

    /** The same event without its text and raw payload (for processing that needs neither). */
    public CxEvent withoutText() {
        return new CxEvent(eventId, type, kind, customerId, eventTimeMs, channel, category, caseId, null, severity,
                durationMs, waitMs, handleMs, score, department, page, platform, authorHandle, followers, likes, shares,
                source, null);
    }

    /** The same event attributed to a customer (a mention resolved through the author's handle). */
    public CxEvent withCustomerId(String customer) {
        return new CxEvent(eventId, type, kind, customer, eventTimeMs, channel, category, caseId, text, severity,
                durationMs, waitMs, handleMs, score, department, page, platform, authorHandle, followers, likes, shares,
                source, payload);
    }
}
