package io.cxpulse.ingest;

import io.cxpulse.model.SourceRef;
import io.cxpulse.model.Topics;
import io.cxpulse.profile.Erasure;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Decodes inside the Kafka source, so event time is known per partition and watermarks are per partition too. */
public final class KafkaIngestDeserializer implements KafkaRecordDeserializationSchema<Ingested> {

    private final RecordDecoder decoder;

    public KafkaIngestDeserializer(RecordDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Ingested> out) {
        SourceRef source = new SourceRef(record.topic(), record.partition(), record.offset(), record.timestamp());
        if (isCustomerTombstone(record)) {
            String customerId = new String(record.key(), StandardCharsets.UTF_8);
            out.collect(Ingested.profile(Erasure.of(customerId, handlesOf(record), source)));
            return;
        }
        out.collect(decoder.decode(source, record.key(), record.value()));
    }

    /**
     * Only a null value with a key on the compacted profiles topic erases a customer; an empty value, a null value on
     * an event topic or without a key stays a rejected record.
     */
    static boolean isCustomerTombstone(ConsumerRecord<byte[], byte[]> record) {
        return Topics.CUSTOMERS.equals(record.topic()) && record.value() == null && record.key() != null
                && record.key().length > 0;
    }

    private static Map<String, String> handlesOf(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> handles = new LinkedHashMap<>();
        for (Header h : record.headers()) {
            if (h.key().startsWith(Erasure.HANDLE_HEADER_PREFIX) && h.value() != null) {
                handles.put(h.key().substring(Erasure.HANDLE_HEADER_PREFIX.length()),
                        new String(h.value(), StandardCharsets.UTF_8));
            }
        }
        return handles;
    }

    @Override
    public TypeInformation<Ingested> getProducedType() {
        return TypeInformation.of(Ingested.class);
    }
}
