package io.cxpulse.alerts;

/**
 * A transition of a customer's "do not market to now" signal, published to {@code cx.contact-suppression} keyed by
 * customer: {@code suppressed = true} when a reason starts (an open complaint, a high churn risk, recent
 * over-contact), {@code false} when the last reason has cleared. Marketing systems keep the latest per customer.
 *
 * @param reasons      the reasons in force after the transition (empty when lifted), e.g. {@code open_complaint}
 * @param eventTimeMs  event time of the event (or timer) that caused the transition
 * @param triggerEventId the event that caused it, or "" for a timer
 */
public record ContactSuppression(
        String customerId,
        boolean suppressed,
        String[] reasons,
        long eventTimeMs,
        long processedAtMs,
        String triggerEventId) {}
