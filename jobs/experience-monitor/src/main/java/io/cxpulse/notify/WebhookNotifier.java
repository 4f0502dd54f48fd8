package io.cxpulse.notify;

import io.cxpulse.alerts.Alert;
import io.cxpulse.config.Secret;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Posts alerts to Slack-compatible chat webhooks: to the account manager's URL, else the alert's team's, else the
 * default ({@link WebhookSettings}). Each request carries {@code Idempotency-Key: <alertId>:<revision>} and, when a
 * secret is set ({@value WebhookSettings#SECRET_ENV} or the file named by {@value WebhookSettings#SECRET_FILE_ENV}),
 * {@code X-CxPulse-Signature: sha256=<hex HMAC-SHA256 of the body>} and {@code X-CxPulse-Timestamp} (epoch seconds
 * of the attempt).
 *
 * <p><b>Never blocks the pipeline.</b> {@code write} only enqueues into a bounded queue that a background thread
 * drains; a full queue drops the alert. Retries (5xx, 429, connection errors; other 4xx are final) back off
 * exponentially with jitter up to {@code maxAttempts}. Every alert ends counted in the writer's metric group as
 * {@code webhookDelivered}, {@code webhookFailed} (tried and given up) or {@code webhookDropped} (queue full, or
 * still waiting when the writer closed), with a WARN naming its alert_id and the URL's host for the last two;
 * {@code webhookRetries} counts repeated attempts. Alerts are still in ClickHouse {@code alerts} and {@code cx.alerts}
 * whatever happens here.
 *
 * <p><b>Delivery is at least once, by replay, not exactly once.</b> A checkpoint does not wait for the queue to
 * empty ({@code flush} returns at once: waiting would stall checkpoints for as long as a receiver is down). After a
 * failure the job replays from the last checkpoint, and the alerts it decides again are posted again with the same
 * deterministic alert id and revision, so the same {@code Idempotency-Key}: receivers that must not show a message
 * twice drop repeats by that key. Alerts queued but not yet sent when a task fails are lost unless the replay covers
 * them; on an orderly close queued and in-flight deliveries get a short grace period ({@link #CLOSE_GRACE}).
 */
public final class WebhookNotifier implements Sink<Alert> {

    /** How long close() lets queued and in-flight deliveries finish. */
    public static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

    private final WebhookSettings settings;
    private final Secret secret;

    /** @param secret signs request bodies; {@code Secret.of("")} = unsigned */
    public WebhookNotifier(WebhookSettings settings, Secret secret) {
        settings.validate();
        this.settings = settings;
        this.secret = secret;
    }

    /** With the secret from {@value WebhookSettings#SECRET_ENV} / {@value WebhookSettings#SECRET_FILE_ENV}, if any. */
    public static WebhookNotifier fromEnvironment(WebhookSettings settings, Map<String, String> env) {
        return new WebhookNotifier(settings, WebhookSettings.secretFrom(env));
    }

    @Override
    public SinkWriter<Alert> createWriter(WriterInitContext context) {
        return new WebhookWriter(settings, secret, context.metricGroup(), CLOSE_GRACE,
                "cxpulse-webhook-" + context.getTaskInfo().getIndexOfThisSubtask());
    }
}
