package io.cxpulse.job;

import io.cxpulse.ingest.Ingested;
import java.io.IOException;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * {@code --kafka-stop-at}: passes only records whose Kafka timestamp is before the stop time, and keeps reading.
 * Skipping rather than ending the source matters twice: an ended input moves event time to its end and fires every
 * pending timer (inactivity re-scores, complaint deadlines, incident closes) as if that time had passed; and a Kafka
 * split that finishes takes its last watermark with it, so the minutes the replay did read would never be emitted.
 * Skipped records are counted ({@value #SKIPPED_METRIC}): once every source subtask counts some, the replay has read
 * its range.
 */
final class RecordsBefore implements KafkaRecordDeserializationSchema<Ingested> {

    static final String SKIPPED_METRIC = "recordsAfterStopSkipped";

    private final KafkaRecordDeserializationSchema<Ingested> decoder;
    private final long stopMs;
    private transient Counter skipped;

    RecordsBefore(KafkaRecordDeserializationSchema<Ingested> decoder, long stopMs) {
        this.decoder = decoder;
        this.stopMs = stopMs;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) throws Exception {
        decoder.open(context);
        skipped = context.getMetricGroup().counter(SKIPPED_METRIC);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) throws IOException {
        if (record.timestamp() >= stopMs) {
            skipped.inc();
            return;
        }
        decoder.deserialize(record, out);
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return decoder.getProducedType();
    }
}
