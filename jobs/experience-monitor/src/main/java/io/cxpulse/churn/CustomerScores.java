package io.cxpulse.churn;

import io.cxpulse.profile.CustomerState;
import java.util.List;

/** Builds a {@link CustomerScore} row from the state, its features and the model's score. */
final class CustomerScores {

    private CustomerScores() {}

    /** @param explained whether to word the reasons (rows that are written are; see {@link CustomerUpdate#explanation}) */
    static CustomerScore row(String customerId, long scoreTime, String trigger, String triggerType, double risk,
            CustomerState s, ChurnFeatures features, ChurnScore score, String modelVersion, boolean explained) {
        List<Feature> reasons = score.reasons(ScoreCustomer.MAX_REASONS);
        String[] codes = new String[reasons.size()];
        float[] contributions = new float[reasons.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = reasons.get(i).code();
            contributions[i] = (float) score.contributions()[reasons.get(i).ordinal()];
        }
        float[] values = new float[features.values().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) features.values()[i];
        }
        Explanations.Explanation why = explained
                ? Explanations.explain(features, score, s.status, ScoreCustomer.MAX_REASONS)
                : new Explanations.Explanation(null, null);
        return new CustomerScore(customerId, scoreTime, s.publishedScores, trigger, triggerType, (float) risk, s.status,
                (float) features.sentimentNow(), (float) features.sentimentUsual(), codes, contributions, why.english(),
                why.chinese(), values, features.openComplaints(), (float) features.oldestOpenDays(),
                (float) features.daysInactive(), s.tier, s.region, s.accountManager, s.accountManagerEmail, modelVersion);
    }
}
