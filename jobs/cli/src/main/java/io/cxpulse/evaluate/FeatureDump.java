package io.cxpulse.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.churn.CustomerScore;
import io.cxpulse.churn.Feature;
import io.cxpulse.simulator.SimulatedRecord;
import io.cxpulse.simulator.Simulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * For analysing the churn model offline ({@code evaluate churn --dump-features DIR}, hidden): every score row with
 * its feature vector ({@code scores.csv}) and every event's non-text fields ({@code events.csv}) of one simulated
 * period, so candidate features can be tried without running the job again. No customer text or handle is written.
 */
final class FeatureDump {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FeatureDump() {}

    static void write(Path dir, EvaluationScenario scenario, List<CustomerScore> scores) throws IOException {
        Files.createDirectories(dir);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("scores.csv"), StandardCharsets.UTF_8))) {
            StringBuilder header = new StringBuilder("customer,time_ms,seq,trigger_type,status,risk,sentiment,sentiment_usual");
            for (Feature f : Feature.values()) {
                header.append(',').append(f.code());
            }
            out.println(header);
            for (CustomerScore s : scores) {
                StringBuilder row = new StringBuilder().append(s.customerId()).append(',').append(s.scoreTimeMs())
                        .append(',').append(s.scoreSeq()).append(',').append(s.triggerType()).append(',')
                        .append(s.status()).append(',').append(s.risk()).append(',').append(s.sentiment()).append(',')
                        .append(s.sentimentUsual());
                for (float x : s.features()) {
                    row.append(',').append(String.format(Locale.ROOT, "%.5g", x));
                }
                out.println(row);
            }
        }
        Simulator simulator = new Simulator(scenario.settings());
        simulator.profiles();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("events.csv"), StandardCharsets.UTF_8))) {
            out.println("customer,time_ms,topic,kind,wait_ms,score,followers");
            for (SimulatedRecord r = simulator.next(); r.eventTimeMs() < scenario.endMs(); r = simulator.next()) {
                if (r.malformed()) {
                    continue;
                }
                JsonNode b = JSON.readTree(r.value());
                String kind = b.hasNonNull("action") ? b.get("action").asText()
                        : b.hasNonNull("status") ? b.get("status").asText()
                        : b.hasNonNull("type") ? b.get("type").asText() : "mention";
                out.println(String.join(",", b.path("customer_id").asText(""), Long.toString(r.eventTimeMs()), r.topic(),
                        kind, b.path("wait_ms").asText(""), b.path("score").asText(""),
                        b.path("author_followers").asText("")));
            }
        }
    }
}
