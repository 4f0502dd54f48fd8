package io.cxpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few read-only calls of the mini-cluster's REST API the benchmark needs: vertices, busy time, checkpoints. */
final class FlinkRest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String jobId;

    FlinkRest(int port, String jobId) {
        this.base = "http://127.0.0.1:" + port;
        this.jobId = jobId;
    }

    /** {@code /jobs/<id>}: its {@code vertices} carry id, name, parallelism and metrics (read-records…). */
    JsonNode job() throws IOException, InterruptedException {
        return get("/jobs/" + jobId);
    }

    /** {@code /jobs/<id>/checkpoints}: counts, summary and the latest completed one. */
    JsonNode checkpoints() throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints");
    }

    /** {@code /jobs/<id>/checkpoints/details/<n>}: per-vertex state sizes under {@code tasks}. */
    JsonNode checkpoint(long id) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/checkpoints/details/" + id);
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("Flink REST " + path + " answered " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }
}
