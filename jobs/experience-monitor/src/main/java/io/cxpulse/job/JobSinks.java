package io.cxpulse.job;

import io.cxpulse.aggregate.MetricRow;
import io.cxpulse.alerts.Alert;
import io.cxpulse.alerts.AlertMessages;
import io.cxpulse.alerts.ContactSuppression;
import io.cxpulse.churn.CustomerScore;
import io.cxpulse.config.JobConfig;
import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.ingest.DeadLetterSerializer;
import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.IngestError;
import io.cxpulse.notify.WebhookNotifier;
import io.cxpulse.sink.clickhouse.AlertRows;
import io.cxpulse.sink.clickhouse.ClickHouseSettings;
import io.cxpulse.sink.clickhouse.ClickHouseSink;
import io.cxpulse.sink.clickhouse.CustomerRows;
import io.cxpulse.sink.clickhouse.CustomerScoreRows;
import io.cxpulse.sink.clickhouse.EventRows;
import io.cxpulse.sink.clickhouse.IngestErrorRows;
import io.cxpulse.sink.clickhouse.MetricRows;
import java.util.Properties;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The job's outputs. Production writes ClickHouse and Kafka (and a webhook where configured); tests and the
 * evaluation pass collectors.
 *
 * @param webhook null when no webhook is configured
 */
public record JobSinks(
        Sink<EnrichedEvent> events,
        Sink<CustomerScore> customerScores,
        Sink<CustomerScore> latestCustomerScores,
        Sink<CustomerProfile> customers,
        Sink<IngestError> ingestErrors,
        Sink<IngestError> deadLetter,
        Sink<Alert> alerts,
        Sink<Alert> alertsTopic,
        Sink<ContactSuppression> contactSuppression,
        Sink<MetricRow> metrics1m,
        Sink<MetricRow> metrics1h,
        Sink<MetricRow> metrics1d,
        Sink<Alert> webhook) {

    /** Kafka transactions must outlive a checkpoint interval and the time to recover, and stay under the broker's max. */
    private static final String TRANSACTION_TIMEOUT_MS = "900000";
    private static final String LINGER_MS = "100";

    /**
     * With {@code --no-notify} (a replay) the ClickHouse tables only: the Kafka topics and the webhook would tell people
     * again what they were told when the data first came.
     */
    public static JobSinks production(JobConfig config) {
        ClickHouseSettings clickhouse = ClickHouseSettings.from(config);
        boolean notify = config.notifications();
        boolean webhook = notify && config.webhook() != null && config.webhook().hasAnyRoute();
        return new JobSinks(
                new ClickHouseSink<>(clickhouse, new EventRows()),
                new ClickHouseSink<>(clickhouse, new CustomerScoreRows("customer_scores")),
                new ClickHouseSink<>(clickhouse, new CustomerScoreRows("customer_scores_latest")),
                new ClickHouseSink<>(clickhouse, new CustomerRows()),
                new ClickHouseSink<>(clickhouse, new IngestErrorRows()),
                notify ? kafka(config, new DeadLetterSerializer(), "dead-letter") : new DiscardingSink<>(),
                new ClickHouseSink<>(clickhouse, new AlertRows()),
                notify ? kafka(config, new AlertMessages.AlertSerializer(), "alerts") : new DiscardingSink<>(),
                notify ? kafka(config, new AlertMessages.SuppressionSerializer(), "contact-suppression") : new DiscardingSink<>(),
                new ClickHouseSink<>(clickhouse, new MetricRows("metrics_1m")),
                new ClickHouseSink<>(clickhouse, new MetricRows("metrics_1h")),
                new ClickHouseSink<>(clickhouse, new MetricRows("metrics_1d")),
                webhook ? new WebhookNotifier(config.webhook(), config.webhookSecret()) : null);
    }

    /** Every output discarded but the customer scores: what the churn evaluation needs. */
    public static JobSinks scoresOnly(Sink<CustomerScore> customerScores) {
        return new JobSinks(new DiscardingSink<>(), customerScores, new DiscardingSink<>(), new DiscardingSink<>(),
                new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(),
                new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(), new DiscardingSink<>(), null);
    }

    /** Exactly once for read_committed consumers: records are committed with the checkpoint that covers them. */
    private static <T> KafkaSink<T> kafka(JobConfig config, KafkaRecordSerializationSchema<T> serializer, String output) {
        Properties producer = new Properties();
        // readers see nothing before the checkpoint commits the transaction (and the checkpoint flushes the producer),
        // so waiting to fill a batch delays no reader; without it every record is a request. The user's value wins.
        producer.setProperty("linger.ms", LINGER_MS);
        producer.putAll(config.kafkaProperties());
        return KafkaSink.<T>builder()
                .setKafkaProducerConfig(producer)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(config.transactionalIdPrefix() + "-" + output)
                .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
                .build();
    }
}
