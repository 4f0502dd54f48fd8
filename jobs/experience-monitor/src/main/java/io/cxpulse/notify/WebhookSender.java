package io.cxpulse.notify;

import io.cxpulse.alerts.Alert;
import io.cxpulse.config.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts one alert to one URL, trying again after 5xx, 429 and connection errors with exponential back-off and jitter,
 * up to {@code maxAttempts}; any other 4xx is final (the request itself is wrong, sending it again will not help).
 * Runs on the writer's sender thread only, never on the task thread: it sleeps between attempts.
 */
final class WebhookSender {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String SIGNATURE = "X-CxPulse-Signature";
    static final String TIMESTAMP = "X-CxPulse-Timestamp";

    /** How one alert's delivery ended; {@code status} is the last HTTP status, or -1 when no response came. */
    record Outcome(boolean delivered, int status, int attempts, String error) {
    }

    private final WebhookSettings settings;
    private final Secret secret;
    private final Runnable onRetry;
    private final HttpClient http;

    WebhookSender(WebhookSettings settings, Secret secret, Runnable onRetry) {
        this.settings = settings;
        this.secret = secret;
        this.onRetry = onRetry;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** @throws InterruptedException when the writer is closing and the grace period is over */
    Outcome deliver(Alert alert, URI url) throws InterruptedException {
        byte[] body = AlertMessage.body(alert);
        String key = AlertMessage.idempotencyKey(alert);
        int status = -1;
        String error = "";
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            Duration retryAfter = null;
            try {
                HttpResponse<Void> response = http.send(request(url, key, body), HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return new Outcome(true, status, attempt, "");
                }
                error = "HTTP " + status;
                if (!retryable(status)) {
                    return new Outcome(false, status, attempt, error);
                }
                retryAfter = retryAfter(response).orElse(null);
            } catch (IOException e) {
                status = -1;
                error = describe(e, url);
            }
            if (attempt < settings.maxAttempts()) {
                onRetry.run();
                Thread.sleep(backoff(attempt, retryAfter).toMillis());
            }
        }
        return new Outcome(false, status, settings.maxAttempts(), error);
    }

    private HttpRequest request(URI url, String idempotencyKey, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "cxpulse-webhook")
                .header(IDEMPOTENCY_KEY, idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secret.isSet()) {
            request.header(SIGNATURE, "sha256=" + hmacSha256Hex(secret, body))
                    .header(TIMESTAMP, Long.toString(System.currentTimeMillis() / 1000));
        }
        return request.build();
    }

    /** The exception's kind and message, with the URL (which may embed a token) cut down to its host. */
    private static String describe(IOException e, URI url) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage().replace(url.toString(),
                WebhookSettings.hostOf(url));
        return e.getClass().getSimpleName() + message;
    }

    static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    /**
     * {@code initialBackoff × 2^(attempt-1)}, at most {@code maxBackoff}, of which a random half is waited: many
     * writers failing together do not retry in step. A receiver's {@code Retry-After} is honoured up to maxBackoff.
     */
    Duration backoff(int attempt, Duration retryAfter) {
        long cap = settings.maxBackoff().toMillis();
        if (retryAfter != null) {
            return Duration.ofMillis(Math.min(retryAfter.toMillis(), cap));
        }
        long base = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 30);
        long full = Math.min(base <= 0 ? cap : base, cap);
        long half = full / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(full - half + 1));
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date: the computed back-off will do
            }
        });
    }

    static String hmacSha256Hex(Secret secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
