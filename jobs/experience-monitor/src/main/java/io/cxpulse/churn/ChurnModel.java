package io.cxpulse.churn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Churn risk as a logistic model over {@link Feature}s: {@code risk = σ(bias + Σ wᵢ·xᵢ)}. Each term {@code wᵢ·xᵢ} is
 * that factor's contribution in log-odds, which is what the reason codes report. The weights live in a versioned JSON
 * file ({@code /cxpulse/models/churn-v1.json} ships with the job); {@code cxpulse evaluate churn --fit} recalibrates
 * them on the simulator.
 */
public final class ChurnModel implements Serializable {

    public static final String DEFAULT_RESOURCE = "/cxpulse/models/churn-v1.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String version;
    private final double bias;
    private final double[] weights;

    public ChurnModel(String version, double bias, double[] weights) {
        if (weights.length != Feature.values().length) {
            throw new IllegalArgumentException("churn model needs " + Feature.values().length + " weights, got " + weights.length);
        }
        this.version = version;
        this.bias = bias;
        this.weights = weights.clone();
    }

    /** The shipped model, or a file, or {@code classpath:/…}. */
    public static ChurnModel load(String location) {
        String where = location == null || location.isBlank() ? "classpath:" + DEFAULT_RESOURCE : location;
        try {
            if (where.startsWith("classpath:")) {
                String resource = where.substring("classpath:".length());
                try (InputStream in = ChurnModel.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IOException("no such resource " + resource);
                    }
                    return parse(JSON.readTree(in), where);
                }
            }
            return parse(JSON.readTree(Files.readAllBytes(Path.of(where))), where);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read churn model " + where + ": " + e.getMessage(), e);
        }
    }

    static ChurnModel parse(JsonNode root, String where) {
        if (root == null || !root.hasNonNull("version") || !root.hasNonNull("bias") || !root.has("weights")) {
            throw new IllegalArgumentException(where + ": a churn model needs version, bias and weights");
        }
        double[] w = new double[Feature.values().length];
        boolean[] seen = new boolean[w.length];
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("weights").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Feature f;
            try {
                f = Feature.ofCode(e.getKey());
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException(where + ": weights." + e.getKey() + " is not a churn feature");
            }
            w[f.ordinal()] = e.getValue().asDouble();
            seen[f.ordinal()] = true;
        }
        for (Feature f : Feature.values()) {
            if (!seen[f.ordinal()]) {
                throw new IllegalArgumentException(where + ": weights." + f.code() + " is missing");
            }
        }
        return new ChurnModel(root.get("version").asText(), root.get("bias").asDouble(), w);
    }

    /** The model as JSON, the form {@link #load} reads. */
    public ObjectNode toJson(String description) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", version);
        root.put("description", description);
        root.put("bias", round(bias));
        ObjectNode w = root.putObject("weights");
        for (Feature f : Feature.values()) {
            w.put(f.code(), round(weights[f.ordinal()]));
        }
        return root;
    }

    public ChurnScore score(ChurnFeatures features) {
        double z = bias;
        double[] contributions = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            contributions[i] = weights[i] * features.values()[i];
            z += contributions[i];
        }
        return new ChurnScore(1.0 / (1.0 + Math.exp(-z)), contributions);
    }

    public String version() {
        return version;
    }

    public double bias() {
        return bias;
    }

    public double weight(Feature f) {
        return weights[f.ordinal()];
    }

    private static double round(double v) {
        return Math.round(v * 1e4) / 1e4;
    }
}
