package io.cxpulse.churn;

/**
 * One row of {@code customer_scores}: a customer's churn risk and sentiment at one moment, with the reasons.
 *
 * @param scoreTimeMs   event time of what caused the score: the event's own time, or the inactivity check's
 * @param scoreSeq      1 for the customer's first score, then 2, 3…: the latest score is the highest
 * @param trigger       the event that caused the score ({@code event_id}), or {@code inactivity@<time>} for a timer;
 *                      with {@code customerId} the row's key, so a replay rewrites it
 * @param reasonCodes   the features that raise the risk most, strongest first
 * @param features      every feature's value, indexed by {@link Feature#ordinal()}
 */
public record CustomerScore(
        String customerId,
        long scoreTimeMs,
        long scoreSeq,
        String trigger,
        String triggerType,
        float risk,
        String status,
        float sentiment,
        float sentimentUsual,
        String[] reasonCodes,
        float[] reasonContributions,
        String explanationEn,
        String explanationZh,
        float[] features,
        int openComplaints,
        float oldestOpenComplaintDays,
        float daysSinceActivity,
        String tier,
        String region,
        String accountManager,
        String accountManagerEmail,
        String modelVersion) {

    /** low below 0.3, medium below 0.6, high from 0.6. */
    public String riskBand() {
        return risk < 0.3f ? "low" : risk < 0.6f ? "medium" : "high";
    }
}
