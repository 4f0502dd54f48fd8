package io.cxpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Per-stage records in and out of a job from the REST API, read once the events have landed. (Where the time goes is
 * measured from the threads' CPU instead, see {@link ThreadCpu}: sampling Flink's busy-time gauges through the REST API
 * cost the mini-cluster's own threads more CPU than some stages.)
 */
final class Stages {

    private final FlinkRest rest;

    Stages(FlinkRest rest) {
        this.rest = rest;
    }

    /**
     * The REST API serves metrics from a cache it refreshes, at most once a second (see LocalFlink), when asked: ask
     * once, wait that out, and the next read has the totals.
     */
    void awaitFreshMetrics() throws InterruptedException {
        try {
            rest.job();
        } catch (Exception e) {
            // only a trigger: the report reads again
        }
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
            }
        } catch (Exception e) {
            out.addObject().put("unavailable", e.toString());
        }
        return out;
    }
}
