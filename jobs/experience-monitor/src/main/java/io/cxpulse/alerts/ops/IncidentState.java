package io.cxpulse.alerts.ops;

import java.util.Arrays;

/**
 * Everything the detector keeps about one scope, in one object: what the scope is, the minutes received and not yet
 * judged, the baseline, and the open incident if any. A Flink POJO (public fields, arrays). Times are event times
 * (ms); 0 means never.
 */
public class IncidentState {

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

    // the baseline: counts (complaints, negatives, breaches) and, for sentiment, the texts they are out of
    public SeasonalBaseline counts = new SeasonalBaseline();
    public SeasonalBaseline totals = new SeasonalBaseline();

    // the open incident; alertId null when none
    public String alertId;
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

    public boolean incidentOpen() {
        return alertId != null;
    }

    void addPending(long minuteMs, long count, long total, double sentimentSum) {
        int i = indexOf(pendingMinuteMs, minuteMs);
        if (i < 0) {
            i = pendingMinuteMs.length;
            pendingMinuteMs = Arrays.copyOf(pendingMinuteMs, i + 1);
            pendingCount = Arrays.copyOf(pendingCount, i + 1);
            pendingTotal = Arrays.copyOf(pendingTotal, i + 1);
            pendingSentimentSum = Arrays.copyOf(pendingSentimentSum, i + 1);
            pendingMinuteMs[i] = minuteMs;
        }
        pendingCount[i] += count;
        pendingTotal[i] += total;
        pendingSentimentSum[i] += sentimentSum;
    }

    /** The summed figures of the minute (zeros when no row came), removed from the pending ones. */
    ScopeMinute takePending(long minuteMs) {
        int i = indexOf(pendingMinuteMs, minuteMs);
        if (i < 0) {
            return new ScopeMinute(kind, scopeType, scope, category, channel, region, minuteMs, 0, 0, 0);
        }
        ScopeMinute m = new ScopeMinute(kind, scopeType, scope, category, channel, region, minuteMs, pendingCount[i],
                pendingTotal[i], pendingSentimentSum[i]);
        pendingMinuteMs = remove(pendingMinuteMs, i);
        pendingCount = remove(pendingCount, i);
        pendingTotal = remove(pendingTotal, i);
        double[] sums = new double[pendingSentimentSum.length - 1];
        System.arraycopy(pendingSentimentSum, 0, sums, 0, i);
        System.arraycopy(pendingSentimentSum, i + 1, sums, i, sums.length - i);
        pendingSentimentSum = sums;
        return m;
    }

    void hold(long minuteMs, long count, long total) {
        int n = heldMinuteMs.length;
        heldMinuteMs = Arrays.copyOf(heldMinuteMs, n + 1);
        heldCount = Arrays.copyOf(heldCount, n + 1);
        heldTotal = Arrays.copyOf(heldTotal, n + 1);
        heldMinuteMs[n] = minuteMs;
        heldCount[n] = count;
        heldTotal[n] = total;
    }

    void dropHeld() {
        heldMinuteMs = new long[0];
        heldCount = new long[0];
        heldTotal = new long[0];
    }

    void closeIncident() {
        alertId = null;
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

    private static long[] remove(long[] a, int i) {
        long[] r = new long[a.length - 1];
        System.arraycopy(a, 0, r, 0, i);
        System.arraycopy(a, i + 1, r, i, r.length - i);
        return r;
    }
}
