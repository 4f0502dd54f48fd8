package io.cxpulse.churn;

import io.cxpulse.enrich.EnrichedEvent;

/**
 * What one event (or an inactivity check, or a routing change) did to a customer: the event itself and the customer's
 * score right after it. Emitted by {@link ScoreCustomer} for every input, whether or not the score moved enough to be
 * written to {@code customer_scores}, so the alert rules and the aggregates downstream see every change and the
 * profile (tier, region, account manager) as it stood for that event.
 *
 * @param event     the event that caused the update; null for an inactivity check or a profile change
 * @param score     the score after the event (its {@code scoreSeq} is that of the last written row)
 * @param published whether this score was also written as a {@code customer_scores} row
 */
public record CustomerUpdate(String customerId, long timeMs, EnrichedEvent event, CustomerScore score, boolean published) {}
