package io.cxpulse.churn;

import io.cxpulse.enrich.EnrichedEvent;

/**
 * What one event (or an inactivity check, or a routing change) did to a customer: the event itself and the customer's
 * score right after it. Emitted by {@link ScoreCustomer} for every input, whether or not the score moved enough to be
 * written to {@code customer_scores}, so the alert rules and the aggregates downstream see every change and the
 * profile (tier, region, account manager) as it stood for that event.
 *
 * An erasure of the customer travels as an update without a score ({@link #erasure}): the operators downstream that
 * keep state about her clear it.
 *
 * @param event     the event that caused the update; null for an inactivity check, a profile change or an erasure
 * @param score     the score after the event (its {@code scoreSeq} is that of the last written row); its explanations
 *                  are filled only when it was published, see {@link #explanation()}
 * @param published whether this score was also written as a {@code customer_scores} row
 * @param features  the features behind the score, null when the score carries its explanations
 * @param churn     the model's verdict behind the score, null when the score carries its explanations
 */
public record CustomerUpdate(String customerId, long timeMs, EnrichedEvent event, CustomerScore score, boolean published,
        ChurnFeatures features, ChurnScore churn) {

    /** An update whose score carries its explanations (tests, and scores that were published). */
    public CustomerUpdate(String customerId, long timeMs, EnrichedEvent event, CustomerScore score, boolean published) {
        this(customerId, timeMs, event, score, published, null, null);
    }

    /** The customer was erased: whoever keeps state about her clears it and writes nothing for her because of it. */
    public static CustomerUpdate erasure(String customerId, long timeMs) {
        return new CustomerUpdate(customerId, timeMs, null, null, false, null, null);
    }

    public boolean isErasure() {
        return score == null;
    }

    /**
     * The reasons behind the score in English and Chinese. Written rows carry them; for the other updates (nine in ten)
     * they are worded only when a rule asks, because wording them is most of the cost of scoring an event.
     */
    public Explanations.Explanation explanation() {
        if (score.explanationEn() != null || features == null) {
            return new Explanations.Explanation(score.explanationEn(), score.explanationZh());
        }
        return Explanations.explain(features, churn, score.status(), ScoreCustomer.MAX_REASONS);
    }
}
