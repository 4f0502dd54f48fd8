package io.cxpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-stage figures of a running job from the REST API: each vertex (a chain of operators) with its records in and
 * out and its busy time (ms per second, mean over subtasks), sampled while the events land: peak and mean of samples.
 */
final class Stages {

    private record Busy(double peak, double sum, int samples) {}

    private final FlinkRest rest;
    private final Map<String, Busy> busy = new LinkedHashMap<>();
    private long lastSampleNanos;

    Stages(FlinkRest rest) {
        this.rest = rest;
    }

    /** Samples the busy time of every vertex, at most once every 2 s; failures are skipped (figures are best effort). */
    void sample() {
        if (System.nanoTime() - lastSampleNanos < 2_000_000_000L) {
            return;
        }
        lastSampleNanos = System.nanoTime();
        try {
            for (JsonNode v : rest.job().path("vertices")) {
                double ms = rest.busyMsPerSecond(v.path("id").asText());
                if (ms >= 0) {
                    busy.merge(v.path("id").asText(), new Busy(ms, ms, 1),
                            (a, b) -> new Busy(Math.max(a.peak(), b.peak()), a.sum() + b.sum(), a.samples() + 1));
                }
            }
        } catch (Exception e) {
            // the job may be between states; the next poll samples again
        }
    }

    /** The REST API serves metrics cached for a second (see LocalFlink): wait that out before reading the totals. */
    void awaitFreshMetrics() throws InterruptedException {
        Thread.sleep(1_500);
    }

    ArrayNode report() {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        try {
            for (JsonNode v : rest.job().path("vertices")) {
                ObjectNode s = out.addObject();
                s.put("stage", v.path("name").asText());
                s.put("parallelism", v.path("parallelism").asInt());
                s.put("records_in", v.path("metrics").path("read-records").asLong());
                s.put("records_out", v.path("metrics").path("write-records").asLong());
                Busy b = busy.get(v.path("id").asText());
                if (b != null) {
                    s.put("busy_ms_per_s_peak", Math.round(b.peak()));
                    s.put("busy_ms_per_s_mean", Math.round(b.sum() / b.samples()));
                }
            }
        } catch (Exception e) {
            out.addObject().put("unavailable", e.toString());
        }
        return out;
    }
}
