package io.cxpulse.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxpulse.alerts.Alert;
import io.cxpulse.config.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSettingsTest {

    @TempDir
    Path dir;

    @Test
    void readsEveryFieldAndDurationsAsPeopleWriteThem() {
        WebhookSettings s = WebhookSettings.parse("""
                {"default": "https://chat.example.com/hooks/a",
                 "teams": {"ops": "https://chat.example.com/hooks/ops"},
                 "managers": {"li.na@example.com": "http://127.0.0.1:9/li"},
                 "timeout": "3s", "maxAttempts": 4, "initialBackoff": "250ms", "maxBackoff": "1m",
                 "queueCapacity": 50, "notify": ["open"]}""");
        assertThat(s.defaultUrl()).isEqualTo("https://chat.example.com/hooks/a");
        assertThat(s.teams()).containsEntry("ops", "https://chat.example.com/hooks/ops");
        assertThat(s.managers()).containsKey("li.na@example.com");
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.maxAttempts()).isEqualTo(4);
        assertThat(s.initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.maxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.queueCapacity()).isEqualTo(50);
        assertThat(s.notifyStatuses()).containsExactly("open");
    }

    @Test
    void fieldsLeftOutKeepTheirDefaults() {
        WebhookSettings s = WebhookSettings.parse("{\"default\": \"https://chat.example.com/x\"}");
        WebhookSettings d = WebhookSettings.defaults();
        assertThat(s).isEqualTo(new WebhookSettings("https://chat.example.com/x", d.teams(), d.managers(), d.timeout(),
                d.maxAttempts(), d.initialBackoff(), d.maxBackoff(), d.queueCapacity(), d.notifyStatuses()));
        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.maxAttempts()).isEqualTo(6);
        assertThat(d.notifyStatuses()).containsExactly("open", "escalated", "resolved");
        assertThat(WebhookSettings.parse("{}").hasAnyRoute()).isFalse();
    }

    @Test
    void validationNamesTheFieldAtFault() {
        assertRejected("{\"teams\": {\"ops\": \"ftp://chat.example.com/x\"}}",
                "webhook.teams.ops must be an http(s) URL, got scheme 'ftp'");
        assertRejected("{\"default\": \"chat.example.com/hooks\"}", "webhook.default must be an http(s) URL");
        assertRejected("{\"managers\": {\"Li Na\": \"https:///no-host\"}}",
                "webhook.managers.Li Na must be an http(s) URL with a host");
        assertRejected("{\"default\": \"https://chat.example.com/a b\"}", "webhook.default is not a valid URL");
        assertRejected("{\"timeout\": \"soon\"}", "webhook.timeout: 'soon' is not a duration");
        assertRejected("{\"timeout\": \"0s\"}", "webhook.timeout must be > 0");
        assertRejected("{\"maxAttempts\": 0}", "webhook.maxAttempts must be between 1 and 100, got 0");
        assertRejected("{\"initialBackoff\": \"2s\", \"maxBackoff\": \"1s\"}", "webhook.maxBackoff must be ≥");
        assertRejected("{\"queueCapacity\": 0}", "webhook.queueCapacity must be ≥ 1");
        assertRejected("{\"notify\": [\"open\", \"closed\"]}", "webhook.notify: 'closed' is not an alert status");
        assertRejected("{\"maxAtempts\": 3}", "maxAtempts");
        assertRejected("[1, 2]", "webhook settings");
    }

    @Test
    void aRejectedUrlIsNotEchoed() {
        assertThatThrownBy(() -> WebhookSettings.parse("{\"default\": \"ftp://chat.example.com/hooks/SECRET-TOKEN\"}"))
                .hasMessageNotContaining("SECRET-TOKEN");
        assertThatThrownBy(() -> WebhookSettings.parse("{\"default\": \"https://chat.example.com/SECRET TOKEN\"}"))
                .hasMessageNotContaining("SECRET");
        WebhookSettings s = WebhookSettings.parse("{\"default\": \"https://chat.example.com:8443/hooks/SECRET-TOKEN\"}");
        assertThat(s.toString()).contains("chat.example.com:8443").doesNotContain("SECRET-TOKEN");
    }

    @Test
    void loadNamesTheFile() throws Exception {
        Path missing = dir.resolve("nope.json");
        assertThatThrownBy(() -> WebhookSettings.load(missing)).hasMessageContaining(missing.toString())
                .hasMessageContaining("cannot be read");
        Path bad = dir.resolve("webhooks.json");
        Files.writeString(bad, "{\"maxAttempts\": -1}");
        assertThatThrownBy(() -> WebhookSettings.load(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(bad.toAbsolutePath() + ": webhook.maxAttempts must be between 1 and 100, got -1");
        Files.writeString(bad, "{\"default\": \"https://chat.example.com/x\"}");
        assertThat(WebhookSettings.load(bad).defaultUrl()).isEqualTo("https://chat.example.com/x");
    }

    @Test
    void theSecretComesFromTheEnvironmentOrAFile() throws Exception {
        assertThat(WebhookSettings.secretFrom(Map.of()).isSet()).isFalse();
        assertThat(WebhookSettings.secretFrom(Map.of("CXPULSE_WEBHOOK_SECRET", "abc")).reveal()).isEqualTo("abc");
        Path file = dir.resolve("secret");
        Files.writeString(file, "from-file\n");
        assertThat(WebhookSettings.secretFrom(Map.of("CXPULSE_WEBHOOK_SECRET", "abc",
                "CXPULSE_WEBHOOK_SECRET_FILE", file.toString())).reveal()).isEqualTo("from-file");
        assertThatThrownBy(() -> WebhookSettings.secretFrom(Map.of("CXPULSE_WEBHOOK_SECRET_FILE", "/nonexistent/s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CXPULSE_WEBHOOK_SECRET_FILE: /nonexistent/s");
    }

    @Test
    void routesByManagerEmailThenNameThenTeamThenDefault() {
        WebhookSettings s = new WebhookSettings("https://d.example/x", Map.of("ops", "https://t.example/x"),
                Map.of("li.na@example.com", "https://e.example/x", "Li Na", "https://n.example/x"), Duration.ofSeconds(1),
                1, Duration.ofMillis(1), Duration.ofMillis(1), 1, List.of("open"));
        assertThat(s.routeFor(TestAlerts.customer("c", "Li Na", "li.na@example.com", "ops", Alert.OPEN, 1)))
                .contains(URI.create("https://e.example/x"));
        assertThat(s.routeFor(TestAlerts.customer("c", "Li Na", "other@example.com", "ops", Alert.OPEN, 1)))
                .contains(URI.create("https://n.example/x"));
        assertThat(s.routeFor(TestAlerts.ops("ops", "billing"))).contains(URI.create("https://t.example/x"));
        assertThat(s.routeFor(TestAlerts.ops("social", "billing"))).contains(URI.create("https://d.example/x"));
        WebhookSettings noDefault = new WebhookSettings(null, s.teams(), s.managers(), s.timeout(), 1, s.initialBackoff(),
                s.maxBackoff(), 1, s.notifyStatuses());
        assertThat(noDefault.routeFor(TestAlerts.ops("social", "billing"))).isEmpty();
    }

    @Test
    void theSinkSurvivesJavaSerialization() throws Exception {
        WebhookNotifier sink = new WebhookNotifier(WebhookSettings.parse("{\"teams\": {\"ops\": \"https://t.example/x\"}}"),
                io.cxpulse.config.Secret.of("k"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sink);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isInstanceOf(WebhookNotifier.class);
        }
    }

    private static void assertRejected(String json, String message) {
        assertThatThrownBy(() -> WebhookSettings.parse(json)).as(json).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
