package io.cxpulse.simulator;

/**
 * Everything that determines the simulated stream: the same settings always yield the same bytes.
 *
 * @param seed           seeds every random choice
 * @param customers      size of the customer population
 * @param eventsPerSecond event-time spacing of the stream (and the send rate of {@link SimulatorRunner})
 * @param malformedShare share of event records that are deliberately broken, in [0, 0.5]
 * @param startTimeMs    event time of the first event, epoch ms
 */
public record SimulatorSettings(long seed, int customers, double eventsPerSecond, double malformedShare, long startTimeMs) {

    public static final double DEFAULT_MALFORMED_SHARE = 0.01;

    public SimulatorSettings {
        if (customers < 1) {
            throw new IllegalArgumentException("--customers must be ≥ 1, got " + customers);
        }
        if (!(eventsPerSecond > 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("--rate must be > 0, got " + eventsPerSecond);
        }
        if (!(malformedShare >= 0 && malformedShare <= 0.5)) {
            throw new IllegalArgumentException("--malformed-share must be between 0 and 0.5, got " + malformedShare);
        }
        if (startTimeMs < 0) {
            throw new IllegalArgumentException("start time must be ≥ 0 (epoch ms), got " + startTimeMs);
        }
    }

    /** Settings with the default malformed share. */
    public static SimulatorSettings of(long seed, int customers, double eventsPerSecond, long startTimeMs) {
        return new SimulatorSettings(seed, customers, eventsPerSecond, DEFAULT_MALFORMED_SHARE, startTimeMs);
    }
}
