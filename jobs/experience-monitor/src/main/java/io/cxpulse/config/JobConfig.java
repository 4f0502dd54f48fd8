package io.cxpulse.config;

import io.cxpulse.alerts.AlertRules;
import io.cxpulse.churn.ScoringSettings;
import io.cxpulse.notify.WebhookSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The whole typed configuration of the experience-monitor job, validated once at start.
 * Built by {@link JobOptions} from flags, environment and an optional file; {@link #describe()} prints it without secrets.
 */
public record JobConfig(
        String kafkaBootstrapServers,
        String kafkaGroupId,
        KafkaRange kafkaRange,
        boolean notifications,
        Map<String, String> kafkaClientProperties,
        String clickhouseUrl,
        String clickhouseUser,
        Secret clickhousePassword,
        String clickhouseDatabase,
        boolean applyMigrations,
        int parallelism,
        Duration checkpointInterval,
        String checkpointDir,
        Duration maxOutOfOrderness,
        Duration idleTimeout,
        Duration dedupeTtl,
        int maxRecordBytes,
        Duration maxFutureSkew,
        int sinkBatchRows,
        Duration sinkFlushInterval,
        Duration sinkMaxBackoff,
        String transactionalIdPrefix,
        String sentimentModel,
        String taxonomy,
        Duration handleWait,
        ScoringSettings scoring,
        String alertRulesLocation,
        AlertRules alertRules,
        WebhookSettings webhook,
        Secret webhookSecret,
        Duration metricsAllowedLateness)
        implements Serializable {

    /** Kafka client settings (e.g. SASL/SSL) shared by every source and sink of the job. */
    public Properties kafkaProperties() {
        Properties p = new Properties();
        p.putAll(kafkaClientProperties);
        p.put("bootstrap.servers", kafkaBootstrapServers);
        return p;
    }

    /** The same configuration with checkpoints kept at {@code dir} (a local run keeps them under its data directory). */
    public JobConfig withCheckpointDir(String dir) {
        return new JobConfig(kafkaBootstrapServers, kafkaGroupId, kafkaRange, notifications, kafkaClientProperties, clickhouseUrl, clickhouseUser,
                clickhousePassword, clickhouseDatabase, applyMigrations, parallelism, checkpointInterval, dir,
                maxOutOfOrderness, idleTimeout, dedupeTtl, maxRecordBytes, maxFutureSkew, sinkBatchRows, sinkFlushInterval,
                sinkMaxBackoff, transactionalIdPrefix, sentimentModel, taxonomy, handleWait, scoring, alertRulesLocation,
                alertRules, webhook, webhookSecret, metricsAllowedLateness);
    }

    /** One line per setting, secrets shown as set/unset only: safe for logs. */
    public String describe() {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("kafka-bootstrap-servers", kafkaBootstrapServers);
        shown.put("kafka-group-id", kafkaGroupId);
        shown.put("kafka-start-from", kafkaRange.startFrom());
        shown.put("kafka-stop-at", kafkaRange.stopAt() == null ? "(never)" : kafkaRange.stopAt());
        shown.put("notify", notifications);
        Map<String, String> kafkaShown = new LinkedHashMap<>();
        kafkaClientProperties.forEach((k, v) -> kafkaShown.put(k, Secret.looksSecret(k) ? "<redacted>" : v));
        shown.put("kafka-properties", kafkaShown);
        shown.put("clickhouse-url", clickhouseUrl);
        shown.put("clickhouse-user", clickhouseUser);
        shown.put("clickhouse-password", clickhousePassword);
        shown.put("clickhouse-database", clickhouseDatabase);
        shown.put("apply-migrations", applyMigrations);
        shown.put("parallelism", parallelism);
        shown.put("checkpoint-interval", checkpointInterval);
        shown.put("checkpoint-dir", checkpointDir == null ? "(cluster default)" : checkpointDir);
        shown.put("max-out-of-orderness", maxOutOfOrderness);
        shown.put("idle-timeout", idleTimeout);
        shown.put("dedupe-ttl", dedupeTtl);
        shown.put("max-record-bytes", maxRecordBytes);
        shown.put("max-future-skew", maxFutureSkew);
        shown.put("sink-batch-rows", sinkBatchRows);
        shown.put("sink-flush-interval", sinkFlushInterval);
        shown.put("sink-max-backoff", sinkMaxBackoff);
        shown.put("transactional-id-prefix", transactionalIdPrefix);
        shown.put("sentiment-model", sentimentModel == null ? "(shipped)" : sentimentModel);
        shown.put("taxonomy", taxonomy == null ? "(shipped)" : taxonomy);
        shown.put("handle-wait", handleWait);
        shown.put("churn-model", scoring.churnModel() == null ? "(shipped)" : scoring.churnModel());
        shown.put("score-risk-delta", scoring.riskDelta());
        shown.put("score-sentiment-delta", scoring.sentimentDelta());
        shown.put("inactivity-check", scoring.inactivityCheck());
        shown.put("max-inactivity", scoring.maxInactivity());
        shown.put("customer-state-ttl", scoring.stateTtl());
        shown.put("alert-rules", alertRulesLocation == null ? "(shipped)" : alertRulesLocation);
        shown.put("webhook-config", webhook == null ? "(none)" : webhook);
        shown.put("webhook-secret", webhookSecret);
        shown.put("metrics-allowed-lateness", metricsAllowedLateness);
        StringBuilder sb = new StringBuilder("experience-monitor configuration:");
        shown.forEach((k, v) -> sb.append("\n  ").append(k).append(" = ").append(v));
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
