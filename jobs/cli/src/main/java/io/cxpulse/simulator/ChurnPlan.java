package io.cxpulse.simulator;

/**
 * Ground truth about one customer's planned churn, for diagnostics and tests; the evaluator labels churn by the
 * cancellation events in the stream.
 *
 * @param plannedAtMs  event time at which the customer cancels (or, if retained, renews instead)
 * @param driftStartMs event time from which behaviour worsens; equal to {@code plannedAtMs} when there is no drift
 * @param retained     whether a retention offer works: the customer renews at the planned time and stays
 */
public record ChurnPlan(String customerId, long plannedAtMs, long driftStartMs, ChurnStyle style, boolean retained) {

    /** How far the drift has gone at this time: 0 before it starts, 1 at the planned churn. */
    double progress(long timeMs) {
        if (timeMs <= driftStartMs) {
            return 0;
        }
        if (timeMs >= plannedAtMs) {
            return 1;
        }
        return (timeMs - driftStartMs) / (double) (plannedAtMs - driftStartMs);
    }
}
