package io.cxpulse.config;

import io.cxpulse.alerts.AlertRules;
import io.cxpulse.churn.ChurnModel;
import io.cxpulse.notify.WebhookSettings;
import io.cxpulse.churn.ScoringSettings;
import io.cxpulse.enrich.text.SentimentModel;
import io.cxpulse.enrich.text.Taxonomy;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The job's settings as command-line options (a picocli mixin shared by the job's own main and the CLI's demo).
 * Every option can also come from the environment or the config file, see {@link ConfigDefaults}.
 */
public class JobOptions {

    private static final Pattern HOST_PORT_LIST = Pattern.compile("[^,:\\s]+:\\d{1,5}(,[^,:\\s]+:\\d{1,5})*");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with defaults for any option (key = option name without --). Env: CXPULSE_CONFIG.")
    public Path configFile;

    @Option(names = "--kafka-bootstrap-servers", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT[,…]",
            description = "Kafka brokers. Default: ${DEFAULT-VALUE}.")
    public String kafkaBootstrapServers;

    @Option(names = "--kafka-group-id", defaultValue = "cxpulse-experience-monitor",
            description = "Consumer group (offsets are committed on checkpoints, for monitoring lag). Default: ${DEFAULT-VALUE}.")
    public String kafkaGroupId;

    @Option(names = "--kafka-start-from", defaultValue = KafkaRange.COMMITTED, paramLabel = "committed|earliest|latest|TIME",
            description = "Where the sources start when the job starts without state (a checkpoint or savepoint always "
                    + "wins): the group's committed offsets, else the earliest (committed); the earliest; the latest; or "
                    + "the first record at or after TIME (ISO-8601, e.g. 2026-12-01T08:00:00Z). cx.customers is always read "
                    + "whole (from the group's offsets with committed). Default: ${DEFAULT-VALUE}.")
    public String kafkaStartFrom;

    @Option(names = "--kafka-stop-at", paramLabel = "TIME",
            description = "For replays: event records whose Kafka timestamp is at or after TIME (ISO-8601) are skipped; "
                    + "the job keeps running (event time stays where the range ends) until stopped with a savepoint. "
                    + "Default: no stop.")
    public String kafkaStopAt;

    @Option(names = "--notify", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Write the Kafka outputs (cx.alerts, cx.contact-suppression, cx.dead-letter) and the webhook; "
                    + "a replay says --no-notify so that nobody is told twice (it writes ClickHouse only). "
                    + "Default: ${DEFAULT-VALUE}.")
    public boolean notifications;

    @Option(names = "--kafka-properties-file", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*) for every source and sink.")
    public Path kafkaPropertiesFile;

    @Option(names = "--clickhouse-url", defaultValue = "http://127.0.0.1:8123",
            description = "ClickHouse HTTP endpoint. Default: ${DEFAULT-VALUE}.")
    public String clickhouseUrl;

    @Option(names = "--clickhouse-user", defaultValue = "default", description = "ClickHouse user. Default: ${DEFAULT-VALUE}.")
    public String clickhouseUser;

    @Option(names = "--clickhouse-password-file", paramLabel = "FILE",
            description = "File holding the ClickHouse password. Or set CXPULSE_CLICKHOUSE_PASSWORD. Never a flag.")
    public Path clickhousePasswordFile;

    @Option(names = "--clickhouse-database", defaultValue = "cxpulse", description = "Database. Default: ${DEFAULT-VALUE}.")
    public String clickhouseDatabase;

    @Option(names = "--apply-migrations", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Apply pending ClickHouse migrations at start. Default: ${DEFAULT-VALUE}.")
    public boolean applyMigrations;

    @Option(names = "--parallelism", defaultValue = "0",
            description = "Job parallelism; 0 = the cluster's default (all cores locally). Default: ${DEFAULT-VALUE}.")
    public int parallelism;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", converter = Durations.class,
            description = "Checkpoint interval; ClickHouse batches and Kafka transactions commit on each. Default: ${DEFAULT-VALUE}.")
    public Duration checkpointInterval;

    @Option(names = "--checkpoint-dir", paramLabel = "URI",
            description = "Durable checkpoint storage (file:///…, s3://…); default: the cluster's configuration.")
    public String checkpointDir;

    @Option(names = "--max-out-of-orderness", defaultValue = "30s", converter = Durations.class,
            description = "How far behind the newest event time an event may arrive and still count as on time. Default: ${DEFAULT-VALUE}.")
    public Duration maxOutOfOrderness;

    @Option(names = "--idle-timeout", defaultValue = "1m", converter = Durations.class,
            description = "A Kafka partition silent this long no longer holds back event time. Default: ${DEFAULT-VALUE}.")
    public Duration idleTimeout;

    @Option(names = "--dedupe-ttl", defaultValue = "24h", converter = Durations.class,
            description = "How long an event_id is remembered to drop producer retries. Default: ${DEFAULT-VALUE}.")
    public Duration dedupeTtl;

    @Option(names = "--max-record-bytes", defaultValue = "1048576",
            description = "Larger records go to the dead letter. Default: ${DEFAULT-VALUE}.")
    public int maxRecordBytes;

    @Option(names = "--max-future-skew", defaultValue = "1h", converter = Durations.class,
            description = "Event times further ahead of the record's Kafka timestamp are refused. Default: ${DEFAULT-VALUE}.")
    public Duration maxFutureSkew;

    @Option(names = "--sink-batch-rows", defaultValue = "5000",
            description = "ClickHouse rows per insert (also flushed on every checkpoint). Default: ${DEFAULT-VALUE}.")
    public int sinkBatchRows;

    @Option(names = "--sink-flush-interval", defaultValue = "2s", converter = Durations.class,
            description = "Longest a row waits in a ClickHouse batch. Default: ${DEFAULT-VALUE}.")
    public Duration sinkFlushInterval;

    @Option(names = "--sink-max-backoff", defaultValue = "30s", converter = Durations.class,
            description = "Longest pause between retries while ClickHouse is unavailable. Default: ${DEFAULT-VALUE}.")
    public Duration sinkMaxBackoff;

    @Option(names = "--transactional-id-prefix", defaultValue = "cxpulse-experience-monitor",
            description = "Prefix of the Kafka transactional ids of the job's outputs; unique per job. Default: ${DEFAULT-VALUE}.")
    public String transactionalIdPrefix;

    @Option(names = "--sentiment-model", paramLabel = "FILE",
            description = "Sentiment model (from `cxpulse train sentiment`): a file, or classpath:/…; default: the shipped model.")
    public String sentimentModel;

    @Option(names = "--taxonomy", paramLabel = "FILE",
            description = "Complaint taxonomy (JSON: categories, zh/en cues, departments); default: the shipped taxonomy.")
    public String taxonomy;

    @Option(names = "--handle-wait", defaultValue = "1m", converter = Durations.class,
            description = "How long (event time, and at most as long in processing time) a mention with only a handle waits for the profile that names its author. Default: ${DEFAULT-VALUE}.")
    public Duration handleWait;

    @Option(names = "--churn-model", paramLabel = "FILE",
            description = "Churn model JSON (weights per feature); default: the shipped model.")
    public String churnModel;

    @Option(names = "--score-risk-delta", defaultValue = "0.05",
            description = "A customer_scores row is written when the risk moved at least this much. Default: ${DEFAULT-VALUE}.")
    public double scoreRiskDelta;

    @Option(names = "--score-sentiment-delta", defaultValue = "0.15",
            description = "… or when the recent sentiment moved at least this much. Default: ${DEFAULT-VALUE}.")
    public double scoreSentimentDelta;

    @Option(names = "--inactivity-check", defaultValue = "1d", converter = Durations.class,
            description = "How often (event time) a quiet customer is re-scored. Default: ${DEFAULT-VALUE}.")
    public Duration inactivityCheck;

    @Option(names = "--max-inactivity", defaultValue = "60d", converter = Durations.class,
            description = "Quiet customers are re-scored until silent this long. Default: ${DEFAULT-VALUE}.")
    public Duration maxInactivity;

    @Option(names = "--customer-state-ttl", defaultValue = "180d", converter = Durations.class,
            description = "A customer's state is dropped after this long without events. Default: ${DEFAULT-VALUE}.")
    public Duration customerStateTtl;

    @Option(names = "--alert-rules", paramLabel = "FILE",
            description = "Alert rules and thresholds (JSON, sections customer and ops); default: the shipped rules.")
    public String alertRules;

    @Option(names = "--webhook-config", paramLabel = "FILE",
            description = "Webhook routes (JSON: default, teams, managers, retries); none = no webhook. "
                    + "Signing secret from CXPULSE_WEBHOOK_SECRET or CXPULSE_WEBHOOK_SECRET_FILE.")
    public Path webhookConfig;

    @Option(names = "--metrics-allowed-lateness", defaultValue = "1h", converter = Durations.class,
            description = "How long after its end a metrics bucket is still corrected in place by late events; later "
                    + "events get rows of their own. Default: ${DEFAULT-VALUE}.")
    public Duration metricsAllowedLateness;

    /** Validates every setting and returns the typed configuration; the first problem found is reported by flag. */
    public JobConfig toConfig(Map<String, String> env) {
        require(kafkaBootstrapServers != null && HOST_PORT_LIST.matcher(kafkaBootstrapServers).matches(),
                "--kafka-bootstrap-servers: '" + kafkaBootstrapServers + "' is not a list of host:port, e.g. 127.0.0.1:9092");
        require(notBlank(kafkaGroupId), "--kafka-group-id must not be empty");
        KafkaRange kafkaRange = KafkaRange.parse(kafkaStartFrom, blankToNull(kafkaStopAt));
        require(clickhouseUrl != null && clickhouseUrl.matches("https?://[^/\\s]+(:\\d+)?/?"),
                "--clickhouse-url: '" + clickhouseUrl + "' is not an http(s) URL, e.g. http://127.0.0.1:8123");
        require(notBlank(clickhouseUser), "--clickhouse-user must not be empty");
        require(clickhouseDatabase != null && IDENTIFIER.matcher(clickhouseDatabase).matches(),
                "--clickhouse-database: '" + clickhouseDatabase + "' is not a plain identifier (letters, digits, _)");
        require(parallelism >= 0, "--parallelism must be ≥ 0 (0 = cluster default), got " + parallelism);
        requirePositive(checkpointInterval, "--checkpoint-interval");
        requirePositive(maxOutOfOrderness, "--max-out-of-orderness");
        requirePositive(idleTimeout, "--idle-timeout");
        requirePositive(dedupeTtl, "--dedupe-ttl");
        requirePositive(maxFutureSkew, "--max-future-skew");
        requirePositive(sinkFlushInterval, "--sink-flush-interval");
        requirePositive(sinkMaxBackoff, "--sink-max-backoff");
        require(maxRecordBytes >= 1024 && maxRecordBytes <= 64 << 20,
                "--max-record-bytes must be between 1024 and 67108864, got " + maxRecordBytes);
        require(sinkBatchRows >= 1 && sinkBatchRows <= 1_000_000,
                "--sink-batch-rows must be between 1 and 1000000, got " + sinkBatchRows);
        require(notBlank(transactionalIdPrefix), "--transactional-id-prefix must not be empty");
        checkLoads("--sentiment-model", sentimentModel, () -> SentimentModel.cached(sentimentModel));
        checkLoads("--taxonomy", taxonomy, () -> Taxonomy.load(taxonomy));
        checkLoads("--churn-model", churnModel, () -> ChurnModel.load(churnModel));
        requirePositive(handleWait, "--handle-wait");
        requirePositive(inactivityCheck, "--inactivity-check");
        requirePositive(maxInactivity, "--max-inactivity");
        requirePositive(customerStateTtl, "--customer-state-ttl");
        require(scoreRiskDelta > 0 && scoreRiskDelta < 1, "--score-risk-delta must be in (0, 1), got " + scoreRiskDelta);
        require(scoreSentimentDelta > 0 && scoreSentimentDelta < 2,
                "--score-sentiment-delta must be in (0, 2), got " + scoreSentimentDelta);
        requirePositive(metricsAllowedLateness, "--metrics-allowed-lateness");
        AlertRules rules = loadOrExplain("--alert-rules", () -> AlertRules.load(blankToNull(alertRules)));
        WebhookSettings webhook = webhookConfig == null ? null
                : loadOrExplain("--webhook-config", () -> WebhookSettings.load(webhookConfig));
        return new JobConfig(kafkaBootstrapServers, kafkaGroupId, kafkaRange, notifications, kafkaClientProperties(), stripSlash(clickhouseUrl),
                clickhouseUser, clickhousePassword(env), clickhouseDatabase, applyMigrations, parallelism,
                checkpointInterval, checkpointDir, maxOutOfOrderness, idleTimeout, dedupeTtl, maxRecordBytes,
                maxFutureSkew, sinkBatchRows, sinkFlushInterval, sinkMaxBackoff, transactionalIdPrefix,
                blankToNull(sentimentModel), blankToNull(taxonomy), handleWait,
                new ScoringSettings(scoreRiskDelta, scoreSentimentDelta, inactivityCheck, maxInactivity, customerStateTtl,
                        blankToNull(churnModel)),
                blankToNull(alertRules), rules, webhook, WebhookSettings.secretFrom(env), metricsAllowedLateness);
    }

    private Map<String, String> kafkaClientProperties() {
        Map<String, String> map = new LinkedHashMap<>();
        if (kafkaPropertiesFile != null) {
            Properties p = readKafkaProperties(kafkaPropertiesFile);
            p.stringPropertyNames().stream().sorted().forEach(k -> map.put(k, p.getProperty(k)));
        }
        return Map.copyOf(map);
    }

    /** The Kafka client properties file of {@code --kafka-properties-file}, for the job and the CLI's own clients. */
    public static Properties readKafkaProperties(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("--kafka-properties-file: " + file.toAbsolutePath() + " cannot be read: "
                    + e.getMessage());
        }
        return p;
    }

    private Secret clickhousePassword(Map<String, String> env) {
        if (clickhousePasswordFile != null) {
            try {
                return Secret.of(Files.readString(clickhousePasswordFile, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new ConfigException("--clickhouse-password-file: " + clickhousePasswordFile.toAbsolutePath()
                        + " cannot be read: " + e.getMessage());
            }
        }
        return Secret.of(env.get("CXPULSE_CLICKHOUSE_PASSWORD"));
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Loads the file (or the shipped default) now, so a wrong path or a broken model stops the job at start instead of
     * failing, and being restarted, in every task later.
     */
    private static void checkLoads(String flag, String location, Runnable load) {
        try {
            load.run();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException(flag + ": cannot load '" + (location == null ? "(shipped default)" : location)
                    + "': " + cause.getMessage());
        }
    }

    /** A settings file that cannot be read or breaks a rule stops the job at start, naming the flag and the field. */
    private static <T> T loadOrExplain(String flag, java.util.function.Supplier<T> load) {
        try {
            return load.get();
        } catch (ConfigException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigException(flag + ": " + e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static void requirePositive(Duration d, String flag) {
        require(d != null && !d.isNegative() && !d.isZero(), flag + " must be a positive duration, got " + d);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new ConfigException(message);
        }
    }
}
