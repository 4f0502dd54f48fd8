package io.cxpulse.simulator;

/**
 * Everything that determines the simulated stream: the same settings always yield the same bytes.
 *
 * @param seed            seeds every random choice
 * @param customers       size of the customer population
 * @param eventsPerSecond event-time spacing of the stream (and the send rate of {@link SimulatorRunner})
 * @param malformedShare  share of event records that are deliberately broken, in [0, 0.5]
 * @param startTimeMs     event time of the first event, epoch ms
 * @param churnHorizonMs  event-time span over which planned churns fall: each churner leaves between a quarter of
 *                        it and all of it after the start, after a drift phase the churn score can notice
 * @param storyTimeScale  stretches the delays between the steps of a story (a complaint's handling, a callback),
 *                        so that at a low event rate stories last hours to days as they do in life
 */
public record SimulatorSettings(long seed, int customers, double eventsPerSecond, double malformedShare, long startTimeMs,
        long churnHorizonMs, double storyTimeScale) {

    public static final double DEFAULT_MALFORMED_SHARE = 0.01;
    /** Short enough that the live demo shows churners leaving within its first half hour. */
    public static final long DEFAULT_CHURN_HORIZON_MS = 30 * 60_000L;
    public static final double DEFAULT_STORY_TIME_SCALE = 1.0;

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
        if (churnHorizonMs < 1_000) {
            throw new IllegalArgumentException("--churn-horizon must be at least 1s, got " + churnHorizonMs + " ms");
        }
        if (!(storyTimeScale > 0) || Double.isInfinite(storyTimeScale)) {
            throw new IllegalArgumentException("--story-time-scale must be > 0, got " + storyTimeScale);
        }
    }

    /** Live-demo timing: churns within the first half hour, stories in (simulated) seconds. */
    public SimulatorSettings(long seed, int customers, double eventsPerSecond, double malformedShare, long startTimeMs) {
        this(seed, customers, eventsPerSecond, malformedShare, startTimeMs, DEFAULT_CHURN_HORIZON_MS,
                DEFAULT_STORY_TIME_SCALE);
    }

    /** Settings with the default malformed share and live-demo timing. */
    public static SimulatorSettings of(long seed, int customers, double eventsPerSecond, long startTimeMs) {
        return new SimulatorSettings(seed, customers, eventsPerSecond, DEFAULT_MALFORMED_SHARE, startTimeMs);
    }

    /** The same settings with another churn horizon and story time scale (e.g. for an evaluation over weeks). */
    public SimulatorSettings withChurnTiming(long churnHorizonMs, double storyTimeScale) {
        return new SimulatorSettings(seed, customers, eventsPerSecond, malformedShare, startTimeMs, churnHorizonMs,
                storyTimeScale);
    }
}
