package io.cxpulse.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxpulse.churn.ChurnModel;
import io.cxpulse.churn.CustomerScore;
import io.cxpulse.churn.Feature;
import io.cxpulse.profile.Decay;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChurnMetricsTest {

    private static final long START = 1_700_000_000_000L;

    private static long day(double d) {
        return START + (long) (d * Decay.DAY_MS);
    }

    private static CustomerScore row(String customer, double day, long seq, float risk, float... features) {
        float[] f = new float[Feature.values().length];
        System.arraycopy(features, 0, f, 0, features.length);
        return new CustomerScore(customer, day(day), seq, "t" + seq, "event:click", risk, "active", 0, 0, new String[0],
                new float[0], "", "", f, 0, 0, 0, null, null, null, null, "test");
    }

    @Test
    void aucIsOneWhenEveryChurnerOutscoresEveryStayerAndLeadTimeIsFromTheFirstCrossing() {
        List<CustomerScore> rows = List.of(
                row("churner", 1, 1, 0.1f), row("churner", 12, 2, 0.6f), row("churner", 19, 3, 0.9f),
                row("stayer1", 1, 1, 0.05f), row("stayer2", 1, 1, 0.2f), row("stayer2", 15, 2, 0.55f));
        ChurnMetrics.Result r = new ChurnMetrics(rows)
                .evaluate(Map.of("churner", day(20)), Set.of("churner", "stayer1", "stayer2"), START, 0.5);
        assertThat(r.auc7d()).isEqualTo(1.0);
        assertThat(r.judged7d()).isEqualTo(1);
        assertThat(r.medianLeadDays()).isCloseTo(8.0, within(1e-9));
        assertThat(r.flaggedShare()).isEqualTo(1.0);
        assertThat(r.falseFlagShare()).isEqualTo(0.5);
    }

    @Test
    void tiesCountHalfAndCustomersWithoutHistoryAreNotJudged() {
        List<CustomerScore> rows = List.of(row("churner", 1, 1, 0.3f), row("stayer", 1, 1, 0.3f), row("late", 14, 1, 0.9f));
        ChurnMetrics.Result r = new ChurnMetrics(rows)
                .evaluate(Map.of("churner", day(20)), Set.of("churner", "stayer", "late"), START, 0.5);
        assertThat(r.auc7d()).isEqualTo(0.5);
        assertThat(new ChurnMetrics(rows).riskAt("late", day(10))).isNaN();
    }

    @Test
    void theFitFindsTheFeatureThatPrecedesChurnAndKeepsSignsAndFloors() {
        List<CustomerScore> rows = new ArrayList<>();
        Map<String, Long> cancelled = new java.util.HashMap<>();
        java.util.Random rnd = new java.util.Random(3);
        for (int c = 0; c < 200; c++) {
            boolean churns = c % 5 == 0;
            String id = "c" + c;
            if (churns) {
                cancelled.put(id, day(30));
            }
            for (int d = 1; d < 30; d++) {
                // cancel intent appears in the last week before a churn, noise everywhere
                float intent = churns && d > 23 ? 1f + rnd.nextFloat() : rnd.nextFloat() * 0.2f;
                float noise = rnd.nextFloat();
                float[] f = new float[Feature.values().length];
                f[Feature.CANCEL_INTENT.ordinal()] = intent;
                f[Feature.WAIT_HOURS.ordinal()] = noise;
                rows.add(row(id, d, d, 0, f));
            }
        }
        ChurnModel prior = new ChurnModel("prior", -4, new double[Feature.values().length]);
        Map<Feature, Double> floors = new EnumMap<>(Feature.class);
        floors.put(Feature.NEGATIVE_SOCIAL, 0.4);
        ChurnModel fitted = ChurnFit.fit(rows, cancelled, 7 * Decay.DAY_MS, "fit", 500, 1e-3, prior, floors);
        assertThat(fitted.weight(Feature.CANCEL_INTENT)).isGreaterThan(1.0);
        assertThat(fitted.weight(Feature.CANCEL_INTENT)).isGreaterThan(5 * fitted.weight(Feature.WAIT_HOURS));
        assertThat(fitted.weight(Feature.NEGATIVE_SOCIAL)).isCloseTo(0.4, within(1e-9));
        assertThat(fitted.weight(Feature.POSITIVE_SENTIMENT)).isLessThanOrEqualTo(0);
    }
}
