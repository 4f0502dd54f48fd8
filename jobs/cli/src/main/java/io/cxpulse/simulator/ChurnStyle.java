package io.cxpulse.simulator;

/** How a planned churn shows before it happens. */
public enum ChurnStyle {
    /** Complaints pile up, waits and texts get worse, engagement falls, then the cancellation pages. */
    DRIFTING,
    /** Mainly fading engagement and silent days, few complaints: the leaver who never says why. */
    QUIET,
    /** A customer with no churner disposition cancels out of the blue: noise no score can catch. */
    UNANNOUNCED
}
