package io.cxpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cxpulse.job.JobSinks;
import io.cxpulse.job.JobSources;
import io.cxpulse.local.LocalFlink;
import io.cxpulse.model.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts and aggregates on real servers (Kafka broker, ClickHouse, Flink mini-cluster with RocksDB): a customer whose
 * complaints go unanswered and who opens the cancellation page yields exactly one {@code churn_risk} alert, routed to
 * her account manager, across a crash and a restart from checkpoint, on {@code cx.alerts}, in {@code alerts} and at
 * the webhook; a burst of complaints in one category yields exactly one {@code complaint_spike}, which resolves after
 * the burst; calm customers get no alert; {@code metrics_1m} agrees with {@code events} minute by minute.
 */
class AlertsEndToEndTest {

    private static final String DB = "alerts_e2e";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static LocalStack stack;
    static HttpServer receiver;
    static final List<JsonNode> webhookBodies = new CopyOnWriteArrayList<>();
    static final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();

    /** The story's day 0; the ops part of the test runs in the last two hours before now. */
    static final Instant T0 = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.MINUTES);
    static final Instant BURST_DAY = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
    static int seq;

    @BeforeAll
    static void startServers() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            webhookBodies.add(JSON.readTree(body));
            idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Path webhooks = Files.createDirectories(dir).resolve("webhooks.json");
        Files.writeString(webhooks, "{\"managers\": {\"zhou.min@example.com\": \"http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hook\"}}");
        stack = new LocalStack(dir, DB, "--webhook-config", webhooks.toString());
    }

    @AfterAll
    static void stopServers() {
        if (stack != null) {
            stack.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void oneChurnAlertToTheRightManagerAcrossARestartOneSpikeThatResolvesAndMetricsThatAgree() throws Exception {
        Path state = dir.resolve("flink");
        // profiles first, and known to the job before any event, so routing never depends on which topic is read first
        List<ProducerRecord<byte[], byte[]>> profiles = new ArrayList<>();
        profiles.add(profile("cust-mei", "gold", "east", "Zhou Min", "zhou.min@example.com"));
        for (int i = 0; i < 12; i++) {
            profiles.add(profile("cust-calm-" + i, "standard", i % 2 == 0 ? "east" : "north", "Li Wei", "li.wei@example.com"));
        }
        for (int i = 0; i < 30; i++) {
            profiles.add(profile("cust-burst-" + i, "standard", "north", "Li Wei", "li.wei@example.com"));
        }
        stack.sendAll(profiles);

        List<ProducerRecord<byte[], byte[]>> beforeCrash = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> afterCrash = new ArrayList<>();
        // three weeks of ordinary browsing for Mei and for the calm customers
        for (double d = 0; d < 21; d += 0.5) {
            beforeCrash.add(click("cust-mei", day(d), "view"));
            for (int i = 0; i < 12; i++) {
                beforeCrash.add(click("cust-calm-" + i, day(d + i * 0.01), "view"));
            }
        }
        // Mei's complaints go unanswered while she waits on the phone, then she opens the cancellation page
        beforeCrash.add(complaint("cust-mei", day(21), "k1", "opened", "billing_refund", "I was charged twice and nobody answers. 退款到现在还没到账"));
        beforeCrash.add(service("cust-mei", day(21.2), "call_abandoned", 45 * 60_000L));
        beforeCrash.add(complaint("cust-mei", day(22), "k2", "opened", "billing_refund", "Still no refund, this is unacceptable"));
        beforeCrash.add(complaint("cust-mei", day(23), "k1", "updated", "billing_refund", "Third time I am asking. 太差了"));
        beforeCrash.add(service("cust-mei", day(23.2), "call_abandoned", 60 * 60_000L));
        beforeCrash.add(service("cust-mei", day(24), "callback_missed", null));
        beforeCrash.add(complaint("cust-mei", day(24.5), "k3", "opened", "billing_refund", "You promised a callback and never called"));
        beforeCrash.add(complaint("cust-mei", day(25), "k1", "escalated", "billing_refund", "I want to speak to a manager, terrible service"));
        beforeCrash.add(service("cust-mei", day(25.2), "sla_breached", null));
        beforeCrash.add(click("cust-mei", day(26), "cancel_flow"));
        beforeCrash.add(click("cust-mei", day(26.3), "cancel_flow"));
        // a calm customer with one complaint fixed within hours
        beforeCrash.add(complaint("cust-calm-3", day(22), "kc", "opened", "delivery", "My parcel is a day late"));
        beforeCrash.add(complaint("cust-calm-3", day(22.1), "kc", "resolved", "delivery", "Thanks, it arrived, great service"));

        // after the crash: she keeps going; then the ops part: calm complaint traffic, a billing burst, calm again
        afterCrash.add(complaint("cust-mei", day(26.2), "k2", "updated", "billing_refund", "Nothing has happened, I am leaving"));
        afterCrash.add(click("cust-mei", day(26.5), "cancel_flow"));
        afterCrash.add(click("cust-mei", day(27), "unsubscribe"));
        Instant calmFrom = BURST_DAY.minus(Duration.ofMinutes(60));
        for (int m = 0; m < 60; m += 3) {
            afterCrash.add(complaint("cust-calm-" + (m / 3 % 12), calmFrom.plus(Duration.ofMinutes(m)).plusSeconds(10),
                    "kb" + m, "opened", "billing_refund", "Question about my invoice"));
        }
        for (int i = 0; i < 30; i++) {
            afterCrash.add(complaint("cust-burst-" + i, BURST_DAY.plusSeconds(i * 2L), "kx" + i, "opened", "billing_refund",
                    "I was charged twice this month"));
        }
        for (int m = 1; m <= 12; m++) {
            afterCrash.add(click("cust-calm-" + (m % 12), BURST_DAY.plus(Duration.ofMinutes(m)).plusSeconds(20), "view"));
        }
        Instant end = BURST_DAY.plus(Duration.ofMinutes(13));
        afterCrash.add(click("cust-calm-0", end.plus(Duration.ofMinutes(3)), "view")); // carries the watermark past the end

        LocalFlink job = LocalFlink.start(stack.config, JobSources.kafka(stack.config), JobSinks.production(stack.config),
                state, 0);
        job.awaitRunning(Duration.ofSeconds(60));
        LocalStack.await("the profiles", Duration.ofSeconds(60),
                () -> stack.count("SELECT count() FROM " + DB + ".customers FINAL") == profiles.size());
        stack.sendAll(beforeCrash);
        LocalStack.await("the events before the crash", Duration.ofSeconds(90),
                () -> stack.count("SELECT count() FROM " + DB + ".events FINAL") == beforeCrash.size());
        LocalStack.await("Mei's churn alert", Duration.ofSeconds(90),
                () -> stack.count("SELECT count() FROM " + DB + ".alerts FINAL WHERE kind = 'churn_risk'") > 0,
                () -> "her scores: " + stack.clickhouse.query("SELECT groupArray(concat(trigger_type, ' ', toString(churn_risk), ' ', "
                        + "arrayStringConcat(reason_codes, ','))) FROM (SELECT * FROM " + DB
                        + ".customer_scores FINAL WHERE customer_id = 'cust-mei' ORDER BY score_time)").trim()
                        + "; alerts: " + stack.clickhouse.query("SELECT groupArray(concat(kind, ' ', customer_id)) FROM " + DB
                        + ".alerts FINAL").trim());
        String alertId = stack.clickhouse.query("SELECT alert_id FROM " + DB + ".alerts FINAL WHERE kind = 'churn_risk'").trim();

        // a crash: no savepoint; the rest of the story arrives while the job is down
        Thread.sleep(2_500); // at least one checkpoint after the alert
        job.cancel();
        stack.sendAll(afterCrash);
        try (LocalFlink restarted = LocalFlink.start(stack.config, JobSources.kafka(stack.config),
                JobSinks.production(stack.config), state, 0)) {
            assertThat(restarted.restoredFrom()).contains("chk-");
            restarted.awaitRunning(Duration.ofSeconds(60));
            LocalStack.await("the spike opened and resolved", Duration.ofSeconds(120),
                    () -> stack.count("SELECT count() FROM " + DB + ".alerts FINAL WHERE kind = 'complaint_spike' "
                            + "AND status = 'resolved'") == 1,
                    () -> "alerts: " + stack.clickhouse.query("SELECT groupArray(concat(kind, ' ', scope, ' ', status)) FROM "
                            + DB + ".alerts FINAL WHERE customer_id = ''").trim()
                            + "; billing complaints per minute: " + stack.clickhouse.query("SELECT groupArray(concat("
                            + "toString(bucket_start), '=', toString(c))) FROM (SELECT bucket_start, sum(complaints_opened) c FROM "
                            + DB + ".metrics_1m FINAL WHERE category = 'billing_refund' AND bucket_start > now() - 10800 "
                            + "GROUP BY bucket_start ORDER BY bucket_start)").trim());
            int sent = beforeCrash.size() + afterCrash.size();
            LocalStack.await("every event stored", Duration.ofSeconds(60),
                    () -> stack.count("SELECT count() FROM " + DB + ".events FINAL") == sent);
            Thread.sleep(3_000); // a checkpoint, so the Kafka transactions with the latest alerts commit

            // exactly one churn alert, the one opened before the crash, still open (escalated or not), routed to her manager
            assertThat(stack.clickhouse.query("SELECT concat(alert_id, '|', route_team, '|', account_manager, '|', customer_id) FROM "
                    + DB + ".alerts FINAL WHERE kind = 'churn_risk'").trim())
                    .isEqualTo(alertId + "|account-management|Zhou Min|cust-mei");
            assertThat(stack.clickhouse.query("SELECT status FROM " + DB + ".alerts FINAL WHERE kind = 'churn_risk'").trim())
                    .isIn("open", "escalated");
            String reason = stack.clickhouse.query("SELECT reason_en FROM " + DB + ".alerts FINAL WHERE alert_id = '" + alertId + "'");
            assertThat(reason).contains("cancellation page");
            assertThat(stack.clickhouse.query("SELECT reason_zh FROM " + DB + ".alerts FINAL WHERE alert_id = '" + alertId + "'"))
                    .isNotBlank();
            // calm customers: no alert of any customer kind
            assertThat(stack.count("SELECT count() FROM " + DB + ".alerts FINAL WHERE customer_id LIKE 'cust-calm-%' "
                    + "AND kind IN ('churn_risk', 'vip_negative_experience', 'complaint_unresolved')")).isZero();
            // one spike, about billing, routed to the billing department, opened in the burst's minute
            assertThat(stack.clickhouse.query("SELECT concat(scope_type, '|', category, '|', region, '|', route_team, '|', "
                    + "toString(opened_at_ms)) FROM " + DB + ".alerts FINAL WHERE kind = 'complaint_spike'").trim())
                    .isEqualTo("category|billing_refund|north|billing|" + (BURST_DAY.toEpochMilli() + 59_999)); // judged at the minute's end

            // cx.alerts (committed transactions only): each transition once, the churn alert opened then escalated
            List<JsonNode> messages = committedAlerts();
            assertThat(messages.stream().filter(m -> m.path("kind").asText().equals("churn_risk"))
                    .map(m -> m.path("alert_id").asText()).distinct()).containsExactly(alertId);
            assertThat(messages.stream().filter(m -> m.path("alert_id").asText().equals(alertId))
                    .map(m -> m.path("revision").asInt() + ":" + m.path("status").asText()))
                    .contains("1:open").isSubsetOf("1:open", "2:escalated");
            assertThat(messages.stream().filter(m -> m.path("kind").asText().equals("complaint_spike"))
                    .map(m -> m.path("status").asText())).containsExactlyInAnyOrder("open", "resolved");
            assertThat(messages.stream().map(m -> m.path("alert_id").asText() + ":" + m.path("revision").asInt()).distinct()
                    .count()).isEqualTo(messages.size());

            // the webhook for her manager got it, with the idempotency key of each transition
            LocalStack.await("the webhook", Duration.ofSeconds(30), () -> idempotencyKeys.contains(alertId + ":1"));
            assertThat(webhookBodies.stream().map(b -> b.path("text").asText()))
                    .anyMatch(t -> t.contains("churn_risk") && t.contains("cust-mei"));

            // metrics_1m: per minute and stream, the same counts as the events themselves
            String window = "event_time < toDateTime(" + end.getEpochSecond() + ")";
            String fromEvents = stack.clickhouse.query("SELECT toStartOfMinute(event_time) AS m, event_type, count(), "
                    + "countIf(event_type = 'complaint' AND kind = 'opened') FROM " + DB + ".events FINAL WHERE " + window
                    + " GROUP BY m, event_type ORDER BY m, event_type");
            LocalStack.await("metrics_1m to agree with events", Duration.ofSeconds(30), () -> fromEvents.equals(
                    stack.clickhouse.query("SELECT bucket_start AS m, stream, sum(events), sum(complaints_opened) FROM " + DB
                            + ".metrics_1m FINAL WHERE stream != 'alert' AND bucket_start < toDateTime(" + end.getEpochSecond()
                            + ") GROUP BY m, stream ORDER BY m, stream")));
            assertThat(fromEvents.lines().count()).isGreaterThan(60);
            // the hourly rollup sums the minutes
            assertThat(stack.count("SELECT sum(events) FROM " + DB + ".metrics_1h FINAL WHERE stream != 'alert' AND "
                    + "bucket_start < toStartOfHour(toDateTime(" + end.getEpochSecond() + "))"))
                    .isEqualTo(stack.count("SELECT count() FROM " + DB + ".events FINAL WHERE event_time < "
                            + "toStartOfHour(toDateTime(" + end.getEpochSecond() + "))"));
        }
    }

    private static List<JsonNode> committedAlerts() throws IOException {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.kafka.bootstrapServers());
        p.put("group.id", "alerts-e2e-reader");
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        List<JsonNode> messages = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ALERTS));
            int quiet = 0;
            long deadline = System.currentTimeMillis() + 30_000;
            while (quiet < 6 && System.currentTimeMillis() < deadline) {
                var records = consumer.poll(Duration.ofMillis(500));
                quiet = records.isEmpty() ? quiet + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    messages.add(JSON.readTree(r.value()));
                }
            }
        }
        return messages;
    }

    private static Instant day(double d) {
        return T0.plusMillis((long) (d * 86_400_000L));
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String customer, String json) {
        return new ProducerRecord<>(topic, customer.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }

    private static ProducerRecord<byte[], byte[]> profile(String customer, String tier, String region, String manager,
            String email) {
        return record(Topics.CUSTOMERS, customer, "{\"customer_id\":\"" + customer + "\",\"updated_at\":\"" + T0.minusSeconds(60)
                + "\",\"tier\":\"" + tier + "\",\"region\":\"" + region + "\",\"account_manager\":\"" + manager
                + "\",\"account_manager_email\":\"" + email + "\"}");
    }

    private static ProducerRecord<byte[], byte[]> click(String customer, Instant time, String action) {
        return record(Topics.CLICKS, customer, "{\"event_id\":\"e2e-" + (++seq) + "\",\"event_time\":\"" + time
                + "\",\"customer_id\":\"" + customer + "\",\"session_id\":\"s-" + customer + "-" + time.toEpochMilli() / 3_600_000
                + "\",\"page\":\"/" + action + "\",\"action\":\"" + action + "\",\"device\":\"web\"}");
    }

    private static ProducerRecord<byte[], byte[]> complaint(String customer, Instant time, String complaintId, String status,
            String category, String text) {
        return record(Topics.COMPLAINTS, customer, "{\"event_id\":\"e2e-" + (++seq) + "\",\"event_time\":\"" + time
                + "\",\"customer_id\":\"" + customer + "\",\"complaint_id\":\"" + customer + "-" + complaintId
                + "\",\"channel\":\"phone\",\"status\":\"" + status + "\",\"category\":\"" + category + "\",\"text\":\""
                + text + "\"}");
    }

    private static ProducerRecord<byte[], byte[]> service(String customer, Instant time, String type, Long waitMs) {
        return record(Topics.SERVICE_EVENTS, customer, "{\"event_id\":\"e2e-" + (++seq) + "\",\"event_time\":\"" + time
                + "\",\"customer_id\":\"" + customer + "\",\"type\":\"" + type + "\""
                + (waitMs == null ? "" : ",\"wait_ms\":" + waitMs) + "}");
    }
}
