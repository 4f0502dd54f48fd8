package io.cxpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.cli.CxPulse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cxpulse bench} at toy sizes on the real local stack: every section of the report is there, with figures. */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void aTinyRunReportsEverySectionWithPositiveFigures() throws Exception {
        Path json = dir.resolve("bench.json");
        int exit = CxPulse.execute("bench", "--events", "3000", "--customers", "300", "--latency-seconds", "10",
                "--rate", "200", "--checkpoint-interval", "1s", "--sink-batch-rows", "1000", "--warmup-seconds", "3",
                "--data-dir", dir.resolve("data").toString(), "--json", json.toString());
        assertThat(exit).isEqualTo(0);

        JsonNode r = new ObjectMapper().readTree(json.toFile());
        assertThat(r.fieldNames()).toIterable().containsExactly("machine", "configuration", "preload",
                "clickhouse_insert", "pass_through", "full_job", "alert_latency", "checkpoints", "heap", "targets");
        assertThat(r.at("/machine/cores").asInt()).isPositive();
        assertThat(r.at("/machine/memory_mb").asLong()).isPositive();
        assertThat(r.at("/configuration/parallelism").asInt()).isPositive();
        long expected = r.at("/preload/distinct_accepted_events").asLong();
        assertThat(expected).isBetween(2500L, 3000L);
        assertThat(r.at("/clickhouse_insert/rows").asLong()).isGreaterThanOrEqualTo(expected);
        assertThat(r.at("/clickhouse_insert/rows_per_s").asLong()).isPositive();
        for (String job : new String[] {"/pass_through", "/full_job"}) {
            assertThat(r.at(job + "/events").asLong()).isEqualTo(expected);
            assertThat(r.at(job + "/events_per_s_sustained").asLong()).as(job).isPositive();
            assertThat(r.at(job + "/events_per_s_first_to_last").asLong()).as(job).isPositive();
            assertThat(r.at(job + "/distinct_event_ids_stored").asLong()).as(job).isEqualTo(expected);
            for (String part : new String[] {"flink_jvm", "clickhouse", "kafka", "total"}) {
                assertThat(r.at(job + "/cpu/" + part + "/cpu_s").asDouble()).as(job + " " + part).isPositive();
            }
            assertThat(r.at(job + "/cpu/total/cpu_us_per_event").asDouble()).as(job)
                    .isGreaterThanOrEqualTo(r.at(job + "/cpu/flink_jvm/cpu_us_per_event").asDouble());
        }
        assertThat(r.at("/full_job/cpu_by_thread")).isNotEmpty();
        assertThat(r.at("/full_job/cpu_by_thread").findValuesAsText("threads"))
                .anyMatch(t -> t.startsWith("score-customers"));
        // every path measured from the trigger's send, and each path's openings counted once per kind
        for (String path : new String[] {"decided", "webhook", "cx_alerts"}) {
            JsonNode p = r.at("/alert_latency/since_trigger_sent_ms/" + path);
            assertThat(p.path("n").asLong()).as(path).isPositive();
            long byKind = 0;
            for (JsonNode kind : p.path("by_kind")) {
                byKind += kind.path("n").asLong();
            }
            assertThat(byKind).as(path + ": openings counted per kind").isEqualTo(p.path("n").asLong());
            assertThat(p.path("p50").asLong()).as(path).isNotNegative();
        }
        assertThat(r.at("/alert_latency/webhook_posts").asLong()).isPositive();
        // an alert is read in cx.alerts only after the checkpoint (1 s here) that covers it, after it was decided
        assertThat(r.at("/alert_latency/since_trigger_sent_ms/cx_alerts/p50").asLong())
                .isGreaterThan(r.at("/alert_latency/since_trigger_sent_ms/decided/p50").asLong());
        assertThat(r.at("/targets/alert_latency_p99_ms_webhook/verdict").asText()).isIn("MET", "MISSED");
        assertThat(r.at("/targets/alert_latency_p99_ms_cx_alerts/verdict").asText()).isIn("MET", "MISSED");
        assertThat(r.at("/configuration/warmup_seconds").asInt()).isEqualTo(3);
        assertThat(r.at("/full_job/customer_scores_rows").asLong()).isPositive();
        assertThat(r.at("/full_job/stages")).isNotEmpty();
        assertThat(r.at("/full_job/stages/0/records_out").asLong()).isPositive();
        assertThat(r.at("/alert_latency/events_sent").asLong()).isPositive();
        assertThat(r.at("/alert_latency/since_event_time_ms/cx_alerts/p99").asLong()).isPositive();
        assertThat(r.at("/checkpoints/completed").asLong()).isPositive();
        assertThat(r.at("/checkpoints/latest_duration_ms").asLong()).isNotNegative();
        assertThat(r.at("/checkpoints/latest_full_state_bytes").asLong()).isPositive();
        assertThat(r.at("/checkpoints/state_bytes_per_customer_all_operators").asLong()).isPositive();
        assertThat(r.at("/checkpoints/state_bytes_per_customer_scoring_chain").asLong()).isPositive();
        assertThat(r.at("/heap/peak_sampled_mb").asLong()).isPositive();
        assertThat(r.at("/targets/full_vs_pass_through/ratio").asDouble()).isPositive();
        assertThat(r.at("/targets/full_vs_pass_through/verdict").asText()).isIn("MET", "MISSED");
        assertThat(r.at("/targets/full_vs_clickhouse_insert/ratio").asDouble()).isPositive();
        assertThat(r.at("/targets/cpu_per_event_full_vs_pass_through/ratio").asDouble()).isPositive();
    }

    @Test
    void aBadFlagIsAUsageErrorNamingIt() {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(CxPulse.execute("bench", "--events", "0")).isEqualTo(2);
            assertThat(CxPulse.execute("bench", "--sink-batch-rows", "many")).isEqualTo(2);
        } finally {
            System.setErr(original);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--events must be ≥ 1").contains("--sink-batch-rows");
    }
}
