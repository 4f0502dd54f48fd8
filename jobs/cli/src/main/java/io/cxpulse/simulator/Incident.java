package io.cxpulse.simulator;

/** A stretch of event time during which complaints of one category in one region spike (an outage, a bad batch). */
record Incident(long startMs, long endMs, ComplaintCategory category, String region) {

    boolean covers(long timeMs) {
        return timeMs >= startMs && timeMs < endMs;
    }
}
