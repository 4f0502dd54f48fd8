package io.cxpulse.simulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * Event time of the n-th event: evenly spaced at the configured rate, with a few percent arriving late by up to
 * about five seconds, so that watermarks with bounded disorder are exercised.
 */
final class EventTimeline {

    static final double LATE_SHARE = 0.03;
    static final long MAX_LATENESS_MS = 5_000;

    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final long startTimeMs;
    private final double msPerEvent;

    EventTimeline(long startTimeMs, double eventsPerSecond) {
        this.startTimeMs = startTimeMs;
        this.msPerEvent = 1000.0 / eventsPerSecond;
    }

    /** The undisturbed time of the n-th event. */
    long nominal(long n) {
        return startTimeMs + (long) Math.floor(n * msPerEvent);
    }

    long eventTime(long n, SplittableRandom rng) {
        long base = nominal(n);
        if (rng.nextDouble() < LATE_SHARE) {
            return base - 1 - rng.nextLong(MAX_LATENESS_MS);
        }
        long spread = (long) Math.min(msPerEvent, 1000);
        return spread >= 1 ? base + rng.nextLong(spread) : base;
    }

    /** Events due this many seconds later are this many positions further down the stream. */
    long positionsFor(double seconds) {
        return Math.max(1, Math.round(seconds * 1000.0 / msPerEvent));
    }

    static String iso(long epochMs, boolean chinaLocalOffset) {
        Instant instant = Instant.ofEpochMilli(epochMs);
        return chinaLocalOffset
                ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(CHINA))
                : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
