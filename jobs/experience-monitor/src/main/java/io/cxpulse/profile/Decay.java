package io.cxpulse.profile;

/**
 * Exponential decay in event time: a quantity observed {@code ageMs} ago counts {@code 2^(-age/halfLife)}. Recent
 * experience weighs more than old, and a customer's record heals with time without any clean-up job.
 */
public final class Decay {

    public static final long HOUR_MS = 3_600_000L;
    public static final long DAY_MS = 24 * HOUR_MS;

    private Decay() {}

    public static double factor(long ageMs, long halfLifeMs) {
        return ageMs <= 0 ? 1.0 : Math.pow(2.0, -(double) ageMs / halfLifeMs);
    }
}
