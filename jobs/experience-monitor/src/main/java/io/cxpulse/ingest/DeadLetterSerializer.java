package io.cxpulse.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.model.IngestError;
import io.cxpulse.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A dead letter on {@code cx.dead-letter}: the source coordinates, the reason and the (truncated) raw payload, as JSON. */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<IngestError> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ProducerRecord<byte[], byte[]> serialize(IngestError e, KafkaSinkContext context, Long timestamp) {
        byte[] key = e.key() == null ? null : e.key().getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(Topics.DEAD_LETTER, null, timestamp, key, toJson(e));
    }

    public static byte[] toJson(IngestError e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("error_id", e.errorId());
        n.put("source_topic", e.source().topic());
        n.put("source_partition", e.source().partition());
        n.put("source_offset", e.source().offset());
        n.put("kafka_timestamp", Instant.ofEpochMilli(Math.max(0, e.source().kafkaTimestampMs())).toString());
        n.put("record_key", e.key());
        n.put("reason", e.reason());
        n.put("field", e.field());
        n.put("payload", e.payload());
        n.put("payload_encoding", e.payloadEncoding());
        n.put("payload_bytes", e.payloadBytes());
        n.put("payload_truncated", e.payloadTruncated());
        try {
            return JSON.writeValueAsBytes(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("cannot encode dead letter " + e.errorId(), ex);
        }
    }
}
