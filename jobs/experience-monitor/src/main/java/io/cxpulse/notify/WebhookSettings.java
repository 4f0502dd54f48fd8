package io.cxpulse.notify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.cxpulse.alerts.Alert;
import io.cxpulse.config.ConfigException;
import io.cxpulse.config.Durations;
import io.cxpulse.config.Secret;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where alerts are posted and how hard to try, loaded from the JSON file named by {@code --webhook-config}:
 *
 * <pre>{@code
 * { "default": "https://chat.example.com/hooks/T0/B0/xyz",
 *   "teams":    {"ops": "https://…", "logistics": "https://…"},
 *   "managers": {"li.na@example.com": "https://…", "Li Na": "https://…"},
 *   "timeout": "5s", "maxAttempts": 6, "initialBackoff": "500ms", "maxBackoff": "30s",
 *   "queueCapacity": 10000, "notify": ["open", "escalated", "resolved"] }
 * }</pre>
 * Every field may be left out ({@link #defaults()} fills it). An alert goes to its account manager's URL (by e-mail,
 * else by name), else to its team's ({@link Alert#routeTeam()}), else to {@code default}, else nowhere. URLs are
 * credentials in many chat tools (the token is in the path), so nothing logs them whole: see {@link #hostOf(URI)}.
 *
 * @param defaultUrl     where an alert goes when neither its manager nor its team has a URL; null = nowhere
 * @param teams          route team → URL
 * @param managers       account manager e-mail or name → URL
 * @param timeout        of one HTTP attempt, connect to response
 * @param maxAttempts    attempts per alert, the first included
 * @param initialBackoff wait before the second attempt; doubled (with jitter) per attempt up to {@code maxBackoff}
 * @param maxBackoff     longest wait between two attempts
 * @param queueCapacity  alerts waiting to be sent per writer; beyond it new alerts are dropped (and counted)
 * @param notifyStatuses the alert statuses that are posted (JSON {@code notify}): {@code open}, {@code escalated},
 *                       {@code resolved}
 */
public record WebhookSettings(
        String defaultUrl,
        Map<String, String> teams,
        Map<String, String> managers,
        Duration timeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        int queueCapacity,
        List<String> notifyStatuses)
        implements Serializable {

    /** The signing secret, when set, is read from here (never from a flag, never from the JSON file). */
    public static final String SECRET_ENV = "CXPULSE_WEBHOOK_SECRET";
    /** … or from the file named here, stripped of surrounding white space. */
    public static final String SECRET_FILE_ENV = "CXPULSE_WEBHOOK_SECRET_FILE";

    private static final Set<String> STATUSES = Set.of(Alert.OPEN, Alert.ESCALATED, Alert.RESOLVED);
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public WebhookSettings {
        teams = teams == null ? Map.of() : Map.copyOf(teams);
        managers = managers == null ? Map.of() : Map.copyOf(managers);
        notifyStatuses = notifyStatuses == null ? List.of() : List.copyOf(notifyStatuses);
    }

    /** No URL at all (so nothing is posted), 5 s per attempt, 6 attempts from 500 ms to 30 s apart, every status. */
    public static WebhookSettings defaults() {
        return new WebhookSettings(null, Map.of(), Map.of(), Duration.ofSeconds(5), 6, Duration.ofMillis(500),
                Duration.ofSeconds(30), 10_000, List.of(Alert.OPEN, Alert.ESCALATED, Alert.RESOLVED));
    }

    /** Binds the JSON file's fields; one left out keeps its {@link #defaults()} value. */
    @JsonCreator
    static WebhookSettings fromJson(
            @JsonProperty("default") String defaultUrl,
            @JsonProperty("teams") Map<String, String> teams,
            @JsonProperty("managers") Map<String, String> managers,
            @JsonProperty("timeout") String timeout,
            @JsonProperty("maxAttempts") Integer maxAttempts,
            @JsonProperty("initialBackoff") String initialBackoff,
            @JsonProperty("maxBackoff") String maxBackoff,
            @JsonProperty("queueCapacity") Integer queueCapacity,
            @JsonProperty("notify") List<String> notify) {
        WebhookSettings d = defaults();
        return new WebhookSettings(defaultUrl,
                teams == null ? d.teams() : teams,
                managers == null ? d.managers() : managers,
                duration("timeout", timeout, d.timeout()),
                maxAttempts == null ? d.maxAttempts() : maxAttempts,
                duration("initialBackoff", initialBackoff, d.initialBackoff()),
                duration("maxBackoff", maxBackoff, d.maxBackoff()),
                queueCapacity == null ? d.queueCapacity() : queueCapacity,
                notify == null ? d.notifyStatuses() : notify);
    }

    /** Reads and validates the file; any problem is an IllegalArgumentException naming the file and the field. */
    public static WebhookSettings load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(file.toAbsolutePath() + " cannot be read: " + e.getMessage());
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    /** Parses and validates a JSON document. */
    public static WebhookSettings parse(String json) {
        WebhookSettings settings;
        try {
            settings = JSON.readValue(json, WebhookSettings.class);
        } catch (ValueInstantiationException e) {
            // a duration that does not parse: fromJson's message names the field
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(cause.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("webhook settings: " + e.getOriginalMessage());
        }
        if (settings == null) {
            throw new IllegalArgumentException("webhook settings must be a JSON object");
        }
        settings.validate();
        return settings;
    }

    private static Duration duration(String field, String text, Duration absent) {
        if (text == null) {
            return absent;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook." + field + ": " + e.getMessage());
        }
    }

    /** @throws IllegalArgumentException naming the field at fault */
    public void validate() {
        if (defaultUrl != null) {
            checkUrl("webhook.default", defaultUrl);
        }
        teams.forEach((team, url) -> checkUrl("webhook.teams." + team, url));
        managers.forEach((manager, url) -> checkUrl("webhook.managers." + manager, url));
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("webhook.timeout must be > 0, got " + timeout);
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("webhook.maxAttempts must be between 1 and 100, got " + maxAttempts);
        }
        if (initialBackoff == null || initialBackoff.isNegative() || initialBackoff.isZero()) {
            throw new IllegalArgumentException("webhook.initialBackoff must be > 0, got " + initialBackoff);
        }
        if (maxBackoff == null || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("webhook.maxBackoff must be ≥ webhook.initialBackoff (" + initialBackoff
                    + "), got " + maxBackoff);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("webhook.queueCapacity must be ≥ 1, got " + queueCapacity);
        }
        for (String status : notifyStatuses) {
            if (!STATUSES.contains(status)) {
                throw new IllegalArgumentException("webhook.notify: '" + status + "' is not an alert status; use "
                        + String.join(", ", List.of(Alert.OPEN, Alert.ESCALATED, Alert.RESOLVED)));
            }
        }
    }

    private static void checkUrl(String field, String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(field + " must be an http(s) URL, got an empty value");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            // the message would echo the URL, and with it a token: say where, not what
            throw new IllegalArgumentException(field + " is not a valid URL (at character " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(field + " must be an http(s) URL, got scheme '" + scheme + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(field + " must be an http(s) URL with a host");
        }
    }

    /** Whether alerts in this status are posted at all. */
    public boolean notifies(Alert alert) {
        return notifyStatuses.contains(alert.status());
    }

    /** The URL this alert goes to: its manager's (e-mail, then name), else its team's, else the default. */
    public Optional<URI> routeFor(Alert alert) {
        String url = firstNonBlank(
                lookup(managers, alert.accountManagerEmail()),
                lookup(managers, alert.accountManager()),
                lookup(teams, alert.routeTeam()),
                defaultUrl);
        return url == null ? Optional.empty() : Optional.of(URI.create(url.trim()));
    }

    /** Whether any URL is configured: without one there is nothing to do. */
    public boolean hasAnyRoute() {
        return defaultUrl != null || !teams.isEmpty() || !managers.isEmpty();
    }

    /** What a log line may say about a URL: its host, since the path or query often is the token. */
    public static String hostOf(URI url) {
        return url.getPort() < 0 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    /**
     * The secret that signs each body: {@value #SECRET_ENV}, or the content of the file named by
     * {@value #SECRET_FILE_ENV} (which wins when both are set); unset = bodies are not signed.
     */
    public static Secret secretFrom(Map<String, String> env) {
        String file = env.get(SECRET_FILE_ENV);
        if (file != null && !file.isBlank()) {
            try {
                return Secret.of(Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new ConfigException(SECRET_FILE_ENV + ": " + Path.of(file).toAbsolutePath()
                        + " cannot be read: " + e.getMessage());
            }
        }
        return Secret.of(env.get(SECRET_ENV));
    }

    private static String safeHost(String url) {
        try {
            return hostOf(new URI(url.trim()));
        } catch (URISyntaxException | RuntimeException e) {
            return "<invalid>";
        }
    }

    private static String lookup(Map<String, String> urls, String key) {
        return key == null || key.isBlank() ? null : urls.get(key);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** Only for the reader of a log: hosts, never whole URLs. */
    @Override
    public String toString() {
        Map<String, String> shown = new LinkedHashMap<>();
        if (defaultUrl != null) {
            shown.put("default", safeHost(defaultUrl));
        }
        teams.forEach((k, v) -> shown.put("teams." + k, safeHost(v)));
        shown.put("managers", managers.size() + " routes");
        return "WebhookSettings" + shown + " timeout=" + timeout + " maxAttempts=" + maxAttempts + " backoff="
                + initialBackoff + ".." + maxBackoff + " queueCapacity=" + queueCapacity + " notify=" + notifyStatuses;
    }
}
