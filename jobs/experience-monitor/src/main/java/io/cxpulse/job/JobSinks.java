package io.cxpulse.job;

import io.cxpulse.config.JobConfig;
import io.cxpulse.churn.CustomerScore;
import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.ingest.DeadLetterSerializer;
import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.IngestError;
import io.cxpulse.sink.clickhouse.ClickHouseSettings;
import io.cxpulse.sink.clickhouse.ClickHouseSink;
import io.cxpulse.sink.clickhouse.CustomerRows;
import io.cxpulse.sink.clickhouse.CustomerScoreRows;
import io.cxpulse.sink.clickhouse.EventRows;
import io.cxpulse.sink.clickhouse.IngestErrorRows;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** The job's outputs. Production writes ClickHouse and Kafka; tests pass collectors. */
public record JobSinks(
        Sink<EnrichedEvent> events,
        Sink<CustomerScore> customerScores,
        Sink<CustomerScore> latestCustomerScores,
        Sink<CustomerProfile> customers,
        Sink<IngestError> ingestErrors,
        Sink<IngestError> deadLetter) {

    /** Kafka transactions must outlive a checkpoint interval and the time to recover, and stay under the broker's max. */
    private static final String TRANSACTION_TIMEOUT_MS = "900000";

    public static JobSinks production(JobConfig config) {
        ClickHouseSettings clickhouse = ClickHouseSettings.from(config);
        return new JobSinks(
                new ClickHouseSink<>(clickhouse, new EventRows()),
                new ClickHouseSink<>(clickhouse, new CustomerScoreRows("customer_scores")),
                new ClickHouseSink<>(clickhouse, new CustomerScoreRows("customer_scores_latest")),
                new ClickHouseSink<>(clickhouse, new CustomerRows()),
                new ClickHouseSink<>(clickhouse, new IngestErrorRows()),
                KafkaSink.<IngestError>builder()
                        .setKafkaProducerConfig(config.kafkaProperties())
                        .setRecordSerializer(new DeadLetterSerializer())
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix(config.transactionalIdPrefix() + "-dead-letter")
                        .setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS)
                        .build());
    }
}
