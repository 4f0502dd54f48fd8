package io.cxpulse.job;

import io.cxpulse.config.JobConfig;
import io.cxpulse.config.KafkaRange;
import io.cxpulse.ingest.Ingested;
import io.cxpulse.ingest.KafkaIngestDeserializer;
import io.cxpulse.ingest.RecordDecoder;
import io.cxpulse.model.Topics;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The job's inputs: the four event streams and the profiles. Production reads Kafka; tests pass their own. */
public record JobSources(Source<Ingested, ?, ?> events, Source<Ingested, ?, ?> profiles) {

    public static JobSources kafka(JobConfig config) {
        RecordDecoder decoder = new RecordDecoder(config.maxRecordBytes(), config.maxFutureSkew().toMillis());
        KafkaRange range = config.kafkaRange();
        KafkaRecordDeserializationSchema<Ingested> events = new KafkaIngestDeserializer(decoder);
        if (range.stopMs() != null) {
            events = new RecordsBefore(events, range.stopMs());
        }
        return new JobSources(kafkaSource(config, events, start(range), Topics.EVENT_TOPICS.toArray(String[]::new)),
                // profiles are the compacted truth about every customer (older versions are compacted away): a job
                // without state needs all of them, as they stand, whatever time range of events it reads
                kafkaSource(config, new KafkaIngestDeserializer(decoder),
                        range.startFrom().equals(KafkaRange.COMMITTED) ? start(range) : OffsetsInitializer.earliest(),
                        Topics.CUSTOMERS));
    }

    /** Where a start without state begins; restored checkpoints and savepoints carry their own offsets. */
    private static OffsetsInitializer start(KafkaRange range) {
        return switch (range.startFrom()) {
            case KafkaRange.COMMITTED -> OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
            case KafkaRange.EARLIEST -> OffsetsInitializer.earliest();
            case KafkaRange.LATEST -> OffsetsInitializer.latest();
            default -> OffsetsInitializer.timestamp(range.startMs());
        };
    }

    private static KafkaSource<Ingested> kafkaSource(JobConfig config, KafkaRecordDeserializationSchema<Ingested> decoder,
            OffsetsInitializer start, String... topics) {
        return KafkaSource.<Ingested>builder()
                .setProperties(config.kafkaProperties())
                .setTopics(topics)
                .setGroupId(config.kafkaGroupId())
                .setStartingOffsets(start)
                .setDeserializer(decoder)
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "60000")
                .setProperty("commit.offsets.on.checkpoint", "true")
                .build();
    }
}
