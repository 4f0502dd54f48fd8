package io.cxpulse.alerts.ops;

/**
 * One scope's figures for one minute, summed from its rows, as the detector judges them.
 *
 * @param regionCounts a category's complaints: the count of each of its tracked regions, by index into
 *                     {@link IncidentState#regions} (a region tracked later than the minute counts 0); else empty
 */
record MinuteFigures(long minuteStartMs, long count, long total, double sentimentSum, long[] regionCounts) {

    /** The tracked region with the most of the minute's count, or -1 when none has any. */
    int topRegion() {
        int top = -1;
        for (int i = 0; i < regionCounts.length; i++) {
            if (regionCounts[i] > 0 && (top < 0 || regionCounts[i] > regionCounts[top])) {
                top = i;
            }
        }
        return top;
    }
}
