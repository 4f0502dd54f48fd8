package io.cxpulse.job;

import io.cxpulse.config.JobConfig;
import io.cxpulse.ingest.Ingested;
import io.cxpulse.ingest.KafkaIngestDeserializer;
import io.cxpulse.ingest.RecordDecoder;
import io.cxpulse.model.Topics;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The job's inputs: the four event streams and the profiles. Production reads Kafka; tests pass their own. */
public record JobSources(Source<Ingested, ?, ?> events, Source<Ingested, ?, ?> profiles) {

    public static JobSources kafka(JobConfig config) {
        RecordDecoder decoder = new RecordDecoder(config.maxRecordBytes(), config.maxFutureSkew().toMillis());
        return new JobSources(kafkaSource(config, decoder, Topics.EVENT_TOPICS.toArray(String[]::new)),
                kafkaSource(config, decoder, Topics.CUSTOMERS));
    }

    private static KafkaSource<Ingested> kafkaSource(JobConfig config, RecordDecoder decoder, String... topics) {
        return KafkaSource.<Ingested>builder()
                .setProperties(config.kafkaProperties())
                .setTopics(topics)
                .setGroupId(config.kafkaGroupId())
                // first start: from the beginning; later starts: from the checkpoint (or the offsets it committed)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaIngestDeserializer(decoder))
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "60000")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }
}
