package io.cxpulse.alerts.ops;

import java.util.Arrays;

/**
 * Everything the detector keeps about one scope, in one object: what the scope is, the minutes received and not yet
 * judged, the baseline, and the open incident if any. A Flink POJO (public fields, arrays). Times are event times
 * (ms); 0 means never.
 */
public class IncidentState {

    /** Regions tracked per category: bounded state; regions are few (a region beyond this alerts as part of its category only). */
    static final int MAX_REGIONS = 32;

    // what the scope is (from its first row; the timers need it with no row at hand)
    public String kind;
    public String scopeType;
    public String scope;
    public String category;
    public String channel;
    public String region;

    // judged minutes
    public long firstMinuteMs;
    public long lastJudgedMinuteMs;

    // minutes received whose timer has not fired yet (parallel arrays; more than one only while the upstream
    // subtasks' rows for consecutive minutes interleave)
    public long[] pendingMinuteMs = new long[0];
    public long[] pendingCount = new long[0];
    public long[] pendingTotal = new long[0];
    public double[] pendingSentimentSum = new double[0];
    // … and their tracked regions' counts (sparse: one entry per minute and region with rows)
    public long[] pendingRegionMinuteMs = new long[0];
    public int[] pendingRegionIndex = new int[0];
    public long[] pendingRegionCount = new long[0];

    // the baseline: counts (complaints, negatives, breaches) and, for sentiment, the texts they are out of
    public SeasonalBaseline counts = new SeasonalBaseline();
    public SeasonalBaseline totals = new SeasonalBaseline();

    // a category's complaints: the regions they come from, each with its own baseline and history (parallel arrays,
    // in the order first seen; at most MAX_REGIONS, later ones count in the category only)
    public String[] regions = new String[0];
    public SeasonalBaseline[] regionCounts = new SeasonalBaseline[0];
    public long[] regionFirstMinuteMs = new long[0];

    // the open incident; alertId null when none. A category's complaint incident is at the category level or at one
    // region's (scope type category_region); openRegionIndex is the region that must calm down too, else -1
    public String alertId;
    public String openScopeType;
    public String openScope;
    public String openRegion;
    public int openRegionIndex = -1;
    public String topRegion;
    public long topRegionCount;
    public String severity;
    public long openedMinuteMs;
    public long openedAtMs;
    public int minutesOpen;
    public int calmStreak;
    public double peakObserved;

    // the incident's minutes not learned yet (held back until it proves a shift in level; see OpsAlertSettings.Baseline)
    public long[] heldMinuteMs = new long[0];
    public long[] heldCount = new long[0];
    public long[] heldTotal = new long[0];
    public long[] heldRegionMinuteMs = new long[0];
    public int[] heldRegionIndex = new int[0];
    public long[] heldRegionCount = new long[0];

    public boolean incidentOpen() {
        return alertId != null;
    }

    /** @param regionIndex the row's tracked region ({@link #track}), or -1 */
    void addPending(long minuteMs, long count, long total, double sentimentSum, int regionIndex) {
        int i = indexOf(pendingMinuteMs, minuteMs);
        if (i < 0) {
            i = pendingMinuteMs.length;
            pendingMinuteMs = append(pendingMinuteMs, minuteMs);
            pendingCount = append(pendingCount, 0);
            pendingTotal = append(pendingTotal, 0);
            pendingSentimentSum = Arrays.copyOf(pendingSentimentSum, i + 1);
        }
        pendingCount[i] += count;
        pendingTotal[i] += total;
        pendingSentimentSum[i] += sentimentSum;
        if (regionIndex < 0) {
            return;
        }
        for (int k = 0; k < pendingRegionMinuteMs.length; k++) {
            if (pendingRegionMinuteMs[k] == minuteMs && pendingRegionIndex[k] == regionIndex) {
                pendingRegionCount[k] += count;
                return;
            }
        }
        pendingRegionMinuteMs = append(pendingRegionMinuteMs, minuteMs);
        pendingRegionIndex = append(pendingRegionIndex, regionIndex);
        pendingRegionCount = append(pendingRegionCount, count);
    }

    /**
     * The index of a category's region, tracking it from {@code minuteMs} when new; -1 for a blank region or when
     * {@link #MAX_REGIONS} are tracked already (its complaints then count in the category only).
     */
    int track(String region, long minuteMs) {
        if (region.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < regions.length; i++) {
            if (regions[i].equals(region)) {
                regionFirstMinuteMs[i] = Math.min(regionFirstMinuteMs[i], minuteMs);
                return i;
            }
        }
        if (regions.length >= MAX_REGIONS) {
            return -1;
        }
        int n = regions.length;
        regions = Arrays.copyOf(regions, n + 1);
        regions[n] = region;
        regionCounts = Arrays.copyOf(regionCounts, n + 1);
        regionCounts[n] = new SeasonalBaseline();
        regionFirstMinuteMs = append(regionFirstMinuteMs, minuteMs);
        return n;
    }

    /** The summed figures of the minute (zeros when no row came), removed from the pending ones. */
    MinuteFigures takePending(long minuteMs) {
        long[] byRegion = new long[regions.length];
        int k = 0;
        while (k < pendingRegionMinuteMs.length) {
            if (pendingRegionMinuteMs[k] == minuteMs) {
                byRegion[pendingRegionIndex[k]] += pendingRegionCount[k];
                pendingRegionMinuteMs = remove(pendingRegionMinuteMs, k);
                pendingRegionIndex = remove(pendingRegionIndex, k);
                pendingRegionCount = remove(pendingRegionCount, k);
            } else {
                k++;
            }
        }
        int i = indexOf(pendingMinuteMs, minuteMs);
        if (i < 0) {
            return new MinuteFigures(minuteMs, 0, 0, 0, byRegion);
        }
        MinuteFigures m = new MinuteFigures(minuteMs, pendingCount[i], pendingTotal[i], pendingSentimentSum[i], byRegion);
        pendingMinuteMs = remove(pendingMinuteMs, i);
        pendingCount = remove(pendingCount, i);
        pendingTotal = remove(pendingTotal, i);
        double[] sums = new double[pendingSentimentSum.length - 1];
        System.arraycopy(pendingSentimentSum, 0, sums, 0, i);
        System.arraycopy(pendingSentimentSum, i + 1, sums, i, sums.length - i);
        pendingSentimentSum = sums;
        return m;
    }

    void hold(MinuteFigures m) {
        heldMinuteMs = append(heldMinuteMs, m.minuteStartMs());
        heldCount = append(heldCount, m.count());
        heldTotal = append(heldTotal, m.total());
        for (int r = 0; r < m.regionCounts().length; r++) {
            if (m.regionCounts()[r] > 0) {
                heldRegionMinuteMs = append(heldRegionMinuteMs, m.minuteStartMs());
                heldRegionIndex = append(heldRegionIndex, r);
                heldRegionCount = append(heldRegionCount, m.regionCounts()[r]);
            }
        }
    }

    /** The minutes held back, in order (their sentiment sums are not kept: the baseline does not learn them). */
    MinuteFigures[] held() {
        MinuteFigures[] out = new MinuteFigures[heldMinuteMs.length];
        for (int i = 0; i < out.length; i++) {
            long[] byRegion = new long[regions.length];
            for (int k = 0; k < heldRegionMinuteMs.length; k++) {
                if (heldRegionMinuteMs[k] == heldMinuteMs[i]) {
                    byRegion[heldRegionIndex[k]] += heldRegionCount[k];
                }
            }
            out[i] = new MinuteFigures(heldMinuteMs[i], heldCount[i], heldTotal[i], 0, byRegion);
        }
        return out;
    }

    void dropHeld() {
        heldMinuteMs = new long[0];
        heldCount = new long[0];
        heldTotal = new long[0];
        heldRegionMinuteMs = new long[0];
        heldRegionIndex = new int[0];
        heldRegionCount = new long[0];
    }

    void closeIncident() {
        alertId = null;
        openScopeType = null;
        openScope = null;
        openRegion = null;
        openRegionIndex = -1;
        topRegion = null;
        topRegionCount = 0;
        severity = null;
        openedMinuteMs = 0;
        openedAtMs = 0;
        minutesOpen = 0;
        calmStreak = 0;
        peakObserved = 0;
        dropHeld();
    }

    private static int indexOf(long[] a, long v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }

    private static long[] append(long[] a, long v) {
        long[] r = Arrays.copyOf(a, a.length + 1);
        r[a.length] = v;
        return r;
    }

    private static int[] append(int[] a, int v) {
        int[] r = Arrays.copyOf(a, a.length + 1);
        r[a.length] = v;
        return r;
    }

    private static int[] remove(int[] a, int i) {
        int[] r = new int[a.length - 1];
        System.arraycopy(a, 0, r, 0, i);
        System.arraycopy(a, i + 1, r, i, r.length - i);
        return r;
    }

    private static long[] remove(long[] a, int i) {
        long[] r = new long[a.length - 1];
        System.arraycopy(a, 0, r, 0, i);
        System.arraycopy(a, i + 1, r, i, r.length - i);
        return r;
    }
}
