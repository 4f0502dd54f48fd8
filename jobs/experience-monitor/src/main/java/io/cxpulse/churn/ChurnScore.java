package io.cxpulse.churn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * @param risk          probability-like churn risk in [0, 1]
 * @param contributions each feature's signed contribution in log-odds, indexed by {@link Feature#ordinal()}
 */
public record ChurnScore(double risk, double[] contributions) {

    /** Below this a factor is noise, not a reason worth telling a person. */
    public static final double MIN_REASON = 0.2;

    /** The factors that raise the risk, strongest first. */
    public List<Feature> reasons(int max) {
        List<Feature> raising = new ArrayList<>();
        for (Feature f : Feature.values()) {
            if (contributions[f.ordinal()] >= MIN_REASON) {
                raising.add(f);
            }
        }
        raising.sort(Comparator.comparingDouble((Feature f) -> -contributions[f.ordinal()]));
        return raising.size() > max ? raising.subList(0, max) : raising;
    }
}
