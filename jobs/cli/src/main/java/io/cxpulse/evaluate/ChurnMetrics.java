package io.cxpulse.evaluate;

import io.cxpulse.churn.CustomerScore;
import io.cxpulse.profile.Decay;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How well the scores told churners from stayers, computed from the score history the job wrote and the
 * cancellations in the stream. A customer's risk at time t is that of its latest score filed at or before t.
 */
public final class ChurnMetrics {

    /** Scores before this much history are not judged: a customer seen for an hour has no record yet. */
    static final long WARM_UP_MS = 7 * Decay.DAY_MS;
    /** A threshold crossing counts as a warning of a churn only this long before it. */
    static final long FLAG_WINDOW_MS = 30 * Decay.DAY_MS;

    public record Result(int churners, int stayers, double auc7d, int judged7d, double auc1d, int judged1d,
            double medianLeadDays, double flaggedShare, double falseFlagShare) {}

    private final Map<String, long[]> times = new HashMap<>();
    private final Map<String, float[]> risks = new HashMap<>();

    public ChurnMetrics(List<CustomerScore> scores) {
        Map<String, List<CustomerScore>> byCustomer = new HashMap<>();
        for (CustomerScore s : scores) {
            byCustomer.computeIfAbsent(s.customerId(), k -> new ArrayList<>()).add(s);
        }
        byCustomer.forEach((customer, rows) -> {
            rows.sort(Comparator.comparingLong(CustomerScore::scoreTimeMs).thenComparingLong(CustomerScore::scoreSeq));
            long[] t = new long[rows.size()];
            float[] r = new float[rows.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = rows.get(i).scoreTimeMs();
                r[i] = rows.get(i).risk();
            }
            times.put(customer, t);
            risks.put(customer, r);
        });
    }

    /** The customer's risk at {@code t}, or NaN before its first score. */
    double riskAt(String customer, long t) {
        long[] ts = times.get(customer);
        if (ts == null) {
            return Double.NaN;
        }
        int lo = 0;
        int hi = ts.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found < 0 ? Double.NaN : risks.get(customer)[found];
    }

    public Result evaluate(Map<String, Long> cancelledAtMs, Set<String> customers, long startMs, double threshold) {
        List<String> stayers = customers.stream().filter(c -> !cancelledAtMs.containsKey(c)).sorted().toList();
        double[] auc7 = auc(cancelledAtMs, stayers, startMs, 7 * Decay.DAY_MS);
        double[] auc1 = auc(cancelledAtMs, stayers, startMs, Decay.DAY_MS);
        List<Double> leads = new ArrayList<>();
        int judged = 0;
        for (Map.Entry<String, Long> churn : cancelledAtMs.entrySet()) {
            if (churn.getValue() - WARM_UP_MS < startMs) {
                continue;
            }
            judged++;
            long crossed = firstCrossing(churn.getKey(), churn.getValue() - FLAG_WINDOW_MS, churn.getValue(), threshold);
            if (crossed >= 0) {
                leads.add((churn.getValue() - crossed) / (double) Decay.DAY_MS);
            }
        }
        int falseFlags = 0;
        for (String s : stayers) {
            if (firstCrossing(s, startMs + WARM_UP_MS, Long.MAX_VALUE, threshold) >= 0) {
                falseFlags++;
            }
        }
        leads.sort(Double::compare);
        double median = leads.isEmpty() ? Double.NaN
                : leads.size() % 2 == 1 ? leads.get(leads.size() / 2)
                : (leads.get(leads.size() / 2 - 1) + leads.get(leads.size() / 2)) / 2;
        return new Result(cancelledAtMs.size(), stayers.size(), auc7[0], (int) auc7[1], auc1[0], (int) auc1[1], median,
                judged == 0 ? Double.NaN : leads.size() / (double) judged,
                stayers.isEmpty() ? Double.NaN : falseFlags / (double) stayers.size());
    }

    /**
     * ROC AUC of the risk {@code horizon} before each churn against every stayer's risk at that same moment: the
     * probability that the one leaving scores higher than one staying. Returns {auc, churners judged}.
     */
    private double[] auc(Map<String, Long> cancelledAtMs, List<String> stayers, long startMs, long horizon) {
        double wins = 0;
        long pairs = 0;
        int judged = 0;
        for (Map.Entry<String, Long> churn : cancelledAtMs.entrySet()) {
            long t = churn.getValue() - horizon;
            double pos = riskAt(churn.getKey(), t);
            if (t - WARM_UP_MS < startMs || Double.isNaN(pos)) {
                continue;
            }
            judged++;
            for (String s : stayers) {
                double neg = riskAt(s, t);
                if (Double.isNaN(neg)) {
                    continue;
                }
                wins += pos > neg ? 1 : pos == neg ? 0.5 : 0;
                pairs++;
            }
        }
        return new double[] {pairs == 0 ? Double.NaN : wins / pairs, judged};
    }

    /** When the risk first reached {@code threshold} from below within [from, to), or -1. */
    long firstCrossing(String customer, long from, long to, double threshold) {
        long[] ts = times.get(customer);
        if (ts == null) {
            return -1;
        }
        float[] rs = risks.get(customer);
        for (int i = 0; i < ts.length; i++) {
            if (ts[i] >= from && ts[i] < to && rs[i] >= threshold && (i == 0 || rs[i - 1] < threshold || ts[i - 1] < from)) {
                return ts[i];
            }
        }
        return -1;
    }
}
