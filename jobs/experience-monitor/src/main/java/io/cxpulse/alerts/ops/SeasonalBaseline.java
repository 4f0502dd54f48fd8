package io.cxpulse.alerts.ops;

/**
 * What a per-minute figure usually is at this time of day: an exponentially weighted mean per hour-of-day slot (UTC),
 * blended with an overall exponentially weighted level while the slot has few samples. Both means are bias-corrected
 * (sum and weight decay together), so a young slot is the plain mean of what it has seen rather than pulled to zero.
 *
 * <p>A Flink POJO (public fields, arrays), kept inside the detector's per-scope state.
 */
public class SeasonalBaseline {

    public static final int SLOTS = 24;
    private static final long HOUR_MS = 3_600_000L;

    public double[] slotSum = new double[SLOTS];
    public double[] slotWeight = new double[SLOTS];
    public long[] slotSamples = new long[SLOTS];
    public double levelSum;
    public double levelWeight;
    public long samples;

    /** The per-minute decay rates (EWMA alphas) for the given half-lives. */
    public record Rates(double level, double slot, long slotTrustMinutes) {

        static Rates of(OpsAlertSettings.Baseline b) {
            double levelMinutes = b.levelHalfLife().toMillis() / 60_000.0;
            // a slot learns 60 samples a day, so its half-life in samples is 60 × days
            double slotSamples = b.slotHalfLife().toMillis() / (double) HOUR_MS / 24.0 * 60.0;
            return new Rates(alpha(levelMinutes), alpha(slotSamples), b.slotTrustMinutes());
        }

        private static double alpha(double halfLifeSamples) {
            return 1 - Math.pow(0.5, 1 / halfLifeSamples);
        }
    }

    public static int slotOf(long minuteStartMs) {
        return (int) Math.floorMod(Math.floorDiv(minuteStartMs, HOUR_MS), (long) SLOTS);
    }

    /** The usual value for the minute starting at {@code minuteStartMs}; 0 before any sample. */
    public double expected(long minuteStartMs, Rates rates) {
        if (samples == 0) {
            return 0;
        }
        double level = levelSum / levelWeight;
        int slot = slotOf(minuteStartMs);
        if (slotSamples[slot] == 0) {
            return level;
        }
        double trust = Math.min(1.0, slotSamples[slot] / (double) rates.slotTrustMinutes());
        return trust * (slotSum[slot] / slotWeight[slot]) + (1 - trust) * level;
    }

    public void learn(long minuteStartMs, double value, Rates rates) {
        levelSum = levelSum * (1 - rates.level()) + rates.level() * value;
        levelWeight = levelWeight * (1 - rates.level()) + rates.level();
        int slot = slotOf(minuteStartMs);
        slotSum[slot] = slotSum[slot] * (1 - rates.slot()) + rates.slot() * value;
        slotWeight[slot] = slotWeight[slot] * (1 - rates.slot()) + rates.slot();
        slotSamples[slot]++;
        samples++;
    }
}
