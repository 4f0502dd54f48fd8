package io.cxpulse.simulator;

import java.util.SplittableRandom;

/**
 * Incidents in event-time order, drawn lazily from their own random stream so that the schedule depends only on
 * the seed and start time. The first comes within the first two minutes, so short demos and tests see one.
 */
final class IncidentSchedule {

    /** While an incident runs, this share of new episodes belongs to it. */
    static final double INCIDENT_EPISODE_SHARE = 0.3;

    private static final ComplaintCategory[] LIKELY = {ComplaintCategory.DELIVERY, ComplaintCategory.APP_WEBSITE,
        ComplaintCategory.BILLING_REFUND, ComplaintCategory.WAIT_TIME, ComplaintCategory.PRODUCT_QUALITY};

    private final SplittableRandom rng;
    private Incident current;

    IncidentSchedule(long startTimeMs, SplittableRandom rng) {
        this.rng = rng;
        long start = startTimeMs + 30_000 + rng.nextLong(90_000);
        this.current = draw(start);
    }

    /** The incident running at this time, if any; times must not go backwards by more than one incident. */
    Incident at(long timeMs) {
        while (timeMs >= current.endMs()) {
            current = draw(current.endMs() + 180_000 + rng.nextLong(420_000));
        }
        return current.covers(timeMs) ? current : null;
    }

    private Incident draw(long startMs) {
        ComplaintCategory category = rng.nextDouble() < 0.8
                ? LIKELY[rng.nextInt(LIKELY.length)]
                : ComplaintCategory.values()[rng.nextInt(ComplaintCategory.values().length)];
        String region = Population.REGIONS.get(rng.nextInt(Population.REGIONS.size()));
        return new Incident(startMs, startMs + 60_000 + rng.nextLong(180_000), category, region);
    }
}
