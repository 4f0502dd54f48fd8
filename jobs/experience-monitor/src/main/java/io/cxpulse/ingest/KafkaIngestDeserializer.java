package io.cxpulse.ingest;

import io.cxpulse.model.SourceRef;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decodes inside the Kafka source, so event time is known per partition and watermarks are per partition too. */
public final class KafkaIngestDeserializer implements KafkaRecordDeserializationSchema<Ingested> {

    private final RecordDecoder decoder;

    public KafkaIngestDeserializer(RecordDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
        SourceRef source = new SourceRef(record.topic(), record.partition(), record.offset(), record.timestamp());
        out.collect(decoder.decode(source, record.key(), record.value()));
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return TypeInformation.of(Ingested.class);
    }
}
