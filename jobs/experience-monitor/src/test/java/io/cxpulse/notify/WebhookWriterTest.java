package io.cxpulse.notify;

import static io.cxpulse.notify.TestAlerts.MANAGER_EMAIL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.alerts.Alert;
import io.cxpulse.config.Secret;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writer against a real local HTTP receiver: what is posted, where, how often, and what is counted. */
class WebhookWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Keeps the counters the writer registers, so tests can read them. */
    static final class Metrics extends UnregisteredMetricsGroup {
        final Map<String, Counter> counters = new ConcurrentHashMap<>();

        @Override
        public <C extends Counter> C counter(String name, C counter) {
            counters.put(name, counter);
            return counter;
        }

        long count(String name) {
            return counters.get(name).getCount();
        }
    }

    private WebhookReceiver receiver;
    private final Metrics metrics = new Metrics();
    private WebhookWriter writer;

    @BeforeEach
    void start() throws Exception {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stop() throws Exception {
        if (writer != null) {
            writer.close();
        }
        receiver.close();
    }

    private static WebhookSettings settings(String defaultUrl, Map<String, String> teams, Map<String, String> managers,
            int maxAttempts, List<String> notify) {
        WebhookSettings d = WebhookSettings.defaults();
        return new WebhookSettings(defaultUrl, teams, managers, Duration.ofSeconds(2), maxAttempts, Duration.ofMillis(20),
                Duration.ofMillis(80), d.queueCapacity(), notify);
    }

    private WebhookSettings toDefault(int maxAttempts) {
        return settings(receiver.url("/hooks/T0/B0/token-xyz"), Map.of(), Map.of(), maxAttempts,
                WebhookSettings.defaults().notifyStatuses());
    }

    private WebhookWriter writer(WebhookSettings settings, Secret secret, Duration grace) {
        writer = new WebhookWriter(settings, secret, metrics, grace, "test-webhook");
        return writer;
    }

    private void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + WAIT).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void postsASignedSlackMessageWithTheAlertButNotTheManagersAddress() throws Exception {
        Alert alert = TestAlerts.churn("c-42", Alert.OPEN, 1);
        long before = System.currentTimeMillis() / 1000;
        writer(toDefault(3), Secret.of("s3cret"), Duration.ofSeconds(2)).write(alert, null);

        WebhookReceiver.Request r = receiver.next(WAIT);
        assertThat(r.path()).isEqualTo("/hooks/T0/B0/token-xyz");
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("Idempotency-Key")).isEqualTo("churn_risk-c-42-1:1");
        assertThat(r.header("X-CxPulse-Signature")).isEqualTo("sha256=" + hmac("s3cret", r.body()));
        assertThat(Long.parseLong(r.header("X-CxPulse-Timestamp"))).isBetween(before, before + 60);

        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("text").asText()).isEqualTo(
                "HIGH churn_risk open: customer c-42 — 3 unresolved complaints in 5 days, sentiment fell from +0.4 to -0.6");
        assertThat(body.path("blocks").isArray()).isTrue();
        assertThat(body.path("blocks").get(0).path("text").path("text").asText()).contains("*HIGH*", "c-42", "情绪");
        JsonNode fields = body.path("cxpulse");
        assertThat(fields.path("alert_id").asText()).isEqualTo("churn_risk-c-42-1");
        assertThat(fields.path("revision").asInt()).isEqualTo(1);
        assertThat(fields.path("route_team").asText()).isEqualTo("account-management");
        assertThat(fields.path("account_manager").asText()).isEqualTo("Li Na");
        assertThat(fields.path("evidence_event_ids")).hasSize(2);
        assertThat(fields.path("figures").path("risk").asDouble()).isEqualTo(0.82);
        assertThat(fields.path("figures").path("baseline").isNull()).as("NaN is not JSON").isTrue();
        assertThat(fields.has("account_manager_email")).isFalse();
        assertThat(r.bodyText()).doesNotContain(MANAGER_EMAIL);

        await(() -> metrics.count("webhookDelivered") == 1);
        assertThat(metrics.count("webhookFailed")).isZero();
        assertThat(metrics.count("webhookRetries")).isZero();
    }

    @Test
    void unsignedWithoutASecret() throws Exception {
        writer(toDefault(1), Secret.of(""), Duration.ofSeconds(2)).write(TestAlerts.churn("c-1", Alert.OPEN, 1), null);
        WebhookReceiver.Request r = receiver.next(WAIT);
        assertThat(r.header("Idempotency-Key")).isEqualTo("churn_risk-c-1-1:1");
        assertThat(r.header("X-CxPulse-Signature")).isNull();
        assertThat(r.header("X-CxPulse-Timestamp")).isNull();
    }

    @Test
    void routesToTheManagerThenTheTeamThenTheDefault() throws Exception {
        WebhookSettings s = settings(receiver.url("/default"), Map.of("ops", receiver.url("/team-ops")),
                Map.of(MANAGER_EMAIL, receiver.url("/manager-by-email"), "Bob", receiver.url("/manager-by-name")), 1,
                WebhookSettings.defaults().notifyStatuses());
        writer(s, Secret.of(""), Duration.ofSeconds(2));
        writer.write(TestAlerts.customer("c-1", "Li Na", MANAGER_EMAIL, "ops", Alert.OPEN, 1), null);
        writer.write(TestAlerts.customer("c-2", "Bob", "bob@example.com", "ops", Alert.OPEN, 1), null);
        writer.write(TestAlerts.ops("ops", "billing"), null);
        writer.write(TestAlerts.ops("logistics", "delivery"), null);
        writer.write(TestAlerts.customer("c-3", "", "", "account-management", Alert.OPEN, 1), null);

        assertThat(receiver.next(5, WAIT)).extracting(WebhookReceiver.Request::path).containsExactly(
                "/manager-by-email", "/manager-by-name", "/team-ops", "/default", "/default");
    }

    @Test
    void withoutAMatchingRouteOrWantedStatusNothingIsPosted() throws Exception {
        WebhookSettings s = settings(null, Map.of("ops", receiver.url("/team-ops")), Map.of(), 1, List.of(Alert.OPEN));
        writer(s, Secret.of(""), Duration.ofSeconds(2));
        writer.write(TestAlerts.ops("logistics", "delivery"), null); // no team URL, no default
        writer.write(TestAlerts.customer("c-1", "", "", "ops", Alert.RESOLVED, 2), null); // status not wanted
        writer.write(TestAlerts.ops("ops", "billing"), null);

        assertThat(receiver.next(WAIT).path()).isEqualTo("/team-ops");
        writer.close();
        writer = null;
        assertThat(receiver.pending()).isZero();
        assertThat(metrics.count("webhookDelivered")).isEqualTo(1);
        assertThat(metrics.count("webhookDropped")).isZero();
    }

    @Test
    void retriesAfter503sWithTheSameIdempotencyKeyUntilAccepted() throws Exception {
        receiver.answer(503, 503, 429);
        writer(toDefault(6), Secret.of("k"), Duration.ofSeconds(2))
                .write(TestAlerts.churn("c-7", Alert.ESCALATED, 2), null);

        List<WebhookReceiver.Request> attempts = receiver.next(4, WAIT);
        assertThat(attempts).extracting(r -> r.header("Idempotency-Key")).containsOnly("churn_risk-c-7-1:2");
        assertThat(attempts).extracting(WebhookReceiver.Request::bodyText).containsOnly(attempts.get(0).bodyText());
        await(() -> metrics.count("webhookDelivered") == 1);
        assertThat(metrics.count("webhookRetries")).isEqualTo(3);
        assertThat(metrics.count("webhookFailed")).isZero();
    }

    @Test
    void givesUpAfterMaxAttempts() throws Exception {
        receiver.answer(500, 500, 500, 500);
        writer(toDefault(3), Secret.of(""), Duration.ofSeconds(2)).write(TestAlerts.churn("c-8", Alert.OPEN, 1), null);

        receiver.next(3, WAIT);
        await(() -> metrics.count("webhookFailed") == 1);
        assertThat(metrics.count("webhookRetries")).isEqualTo(2);
        Thread.sleep(200);
        assertThat(receiver.pending()).as("no fourth attempt").isZero();
        assertThat(metrics.count("webhookDelivered")).isZero();
    }

    @Test
    void aClientErrorIsNotRetriedAndCountsAsFailed() throws Exception {
        receiver.answer(400);
        writer(toDefault(6), Secret.of(""), Duration.ofSeconds(2)).write(TestAlerts.churn("c-9", Alert.OPEN, 1), null);

        receiver.next(WAIT);
        await(() -> metrics.count("webhookFailed") == 1);
        Thread.sleep(200);
        assertThat(receiver.pending()).as("not retried").isZero();
        assertThat(metrics.count("webhookRetries")).isZero();
        assertThat(metrics.count("webhookDelivered")).isZero();
    }

    @Test
    void aDeadReceiverNeverBlocksWriteAndEveryAlertEndsCounted() throws Exception {
        int closedPort = closedPort();
        WebhookSettings s = settings("http://127.0.0.1:" + closedPort + "/hooks/x", Map.of(), Map.of(), 2,
                WebhookSettings.defaults().notifyStatuses());
        writer(s, Secret.of(""), Duration.ofMillis(300));
        writer.write(TestAlerts.churn("warm-up", Alert.OPEN, 1), null);

        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            writer.write(TestAlerts.churn("c-" + i, Alert.OPEN, 1), null);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));

        await(() -> metrics.count("webhookFailed") >= 1);
        assertThat(metrics.count("webhookRetries")).isGreaterThanOrEqualTo(1);
        writer.close();
        writer = null;
        assertThat(metrics.count("webhookFailed") + metrics.count("webhookDropped")).isEqualTo(1001);
        assertThat(metrics.count("webhookDelivered")).isZero();
    }

    @Test
    void aFullQueueDropsInsteadOfWaiting() throws Exception {
        int closedPort = closedPort();
        WebhookSettings d = WebhookSettings.defaults();
        WebhookSettings s = new WebhookSettings("http://127.0.0.1:" + closedPort + "/x", Map.of(), Map.of(),
                Duration.ofSeconds(1), 5, Duration.ofSeconds(1), Duration.ofSeconds(1), 3, d.notifyStatuses());
        writer(s, Secret.of(""), Duration.ofMillis(100));
        for (int i = 0; i < 50; i++) {
            writer.write(TestAlerts.churn("c-" + i, Alert.OPEN, 1), null);
        }
        // one taken by the sender (backing off for a second), three queued: the rest are dropped at once
        assertThat(metrics.count("webhookDropped")).isBetween(46L, 47L);
    }

    /** A port nothing listens on: connections are refused at once. */
    private static int closedPort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
