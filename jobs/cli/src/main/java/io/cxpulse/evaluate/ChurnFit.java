package io.cxpulse.evaluate;

import io.cxpulse.churn.ChurnModel;
import io.cxpulse.churn.CustomerScore;
import io.cxpulse.churn.Feature;
import io.cxpulse.profile.CustomerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calibrates the churn model on a simulated period: logistic regression of "cancels within the label horizon" on the
 * features of every score row the job wrote. Regularised towards domain priors ({@code churn-prior.json}), not towards
 * zero, so a factor the data cannot separate from a correlated one keeps its documented weight and still shows as a
 * reason; and sign-constrained (a factor documented as raising the risk never gets a negative weight, a protective one
 * never a positive), so the reason codes always read the right way.
 */
public final class ChurnFit {

    private static final Set<Feature> PROTECTIVE = Set.of(Feature.QUICK_RESOLUTIONS, Feature.POSITIVE_SENTIMENT);

    private ChurnFit() {}

    /** @param labelHorizonMs a score row is a positive example when its customer cancels within this time after it */
    public static final String PRIOR_RESOURCE = "/cxpulse/models/churn-prior.json";

    /** The domain priors and the floors ({@code min_weights}) of {@code churn-prior.json}. */
    public record Prior(ChurnModel weights, Map<Feature, Double> minWeights) {

        public static Prior shipped() {
            try (java.io.InputStream in = ChurnFit.class.getResourceAsStream(PRIOR_RESOURCE)) {
                com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in);
                Map<Feature, Double> floors = new java.util.EnumMap<>(Feature.class);
                root.path("min_weights").fields().forEachRemaining(e -> floors.put(Feature.ofCode(e.getKey()), e.getValue().asDouble()));
                return new Prior(ChurnModel.load("classpath:" + PRIOR_RESOURCE), floors);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read " + PRIOR_RESOURCE, e);
            }
        }
    }

    public static ChurnModel fit(List<CustomerScore> scores, Map<String, Long> cancelledAtMs, long labelHorizonMs,
            String version, int iterations, double l2, ChurnModel prior, Map<Feature, Double> minWeights) {
        List<float[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (CustomerScore s : scores) {
            Long cancelled = cancelledAtMs.get(s.customerId());
            if (!CustomerStatus.ACTIVE.equals(s.status()) || cancelled != null && s.scoreTimeMs() >= cancelled) {
                continue;
            }
            xs.add(s.features());
            ys.add(cancelled != null && cancelled - s.scoreTimeMs() <= labelHorizonMs ? 1 : 0);
        }
        int n = xs.size();
        int d = Feature.values().length;
        long positives = ys.stream().filter(y -> y == 1).count();
        if (positives == 0 || positives == n) {
            throw new IllegalStateException("cannot fit: " + positives + " of " + n + " score rows precede a churn");
        }
        // fit on standardised features (well-conditioned, so plain gradient descent converges), then map the weights
        // back to the features' own units, which is what the model file and the reason codes speak
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (float[] x : xs) {
            for (int k = 0; k < d; k++) {
                mean[k] += x[k] / (double) n;
            }
        }
        for (float[] x : xs) {
            for (int k = 0; k < d; k++) {
                sd[k] += (x[k] - mean[k]) * (x[k] - mean[k]) / n;
            }
        }
        for (int k = 0; k < d; k++) {
            sd[k] = Math.sqrt(sd[k]) < 1e-6 ? 1 : Math.sqrt(sd[k]);
        }
        // weigh the rare positives up so the fit is not just "nobody churns"
        double posWeight = (n - positives) / (double) positives;
        double[] v = new double[d];
        double[] vPrior = new double[d];
        double[] vFloor = new double[d];
        for (Feature f : Feature.values()) {
            vPrior[f.ordinal()] = prior.weight(f) * sd[f.ordinal()];
            vFloor[f.ordinal()] = minWeights.getOrDefault(f, 0.0) * sd[f.ordinal()];
            v[f.ordinal()] = vPrior[f.ordinal()];
        }
        double bias = 0;
        double[] gv = new double[d];
        double step = 0.3;
        double totalWeight = positives * posWeight + (n - positives);
        for (int it = 0; it < iterations; it++) {
            java.util.Arrays.fill(gv, 0);
            double gb = 0;
            for (int i = 0; i < n; i++) {
                float[] x = xs.get(i);
                double z = bias;
                for (int k = 0; k < d; k++) {
                    z += v[k] * (x[k] - mean[k]) / sd[k];
                }
                double p = 1 / (1 + Math.exp(-z));
                double g = (p - ys.get(i)) * (ys.get(i) == 1 ? posWeight : 1);
                for (int k = 0; k < d; k++) {
                    gv[k] += g * (x[k] - mean[k]) / sd[k];
                }
                gb += g;
            }
            for (Feature f : Feature.values()) {
                int k = f.ordinal();
                v[k] -= step * (gv[k] / totalWeight + l2 * (v[k] - vPrior[k]));
                v[k] = PROTECTIVE.contains(f) ? Math.min(0, v[k]) : Math.max(vFloor[k], v[k]);
            }
            bias -= step * gb / totalWeight;
        }
        double[] w = new double[d];
        for (int k = 0; k < d; k++) {
            w[k] = v[k] / sd[k];
            bias -= v[k] * mean[k] / sd[k];
        }
        // the class weighting shifted the intercept; move it back so risks read as probabilities
        bias += Math.log(1 / posWeight);
        return new ChurnModel(version, bias, w);
    }
}
