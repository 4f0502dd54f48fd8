package io.cxpulse.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The JSON messages of {@code cx.alerts} (keyed by alert_id, so the transitions of one alert stay in order on one
 * partition) and {@code cx.contact-suppression} (keyed by customer_id, so a compacted topic keeps each customer's
 * latest signal).
 */
public final class AlertMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertMessages() {}

    public static ObjectNode toJson(Alert a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("alert_id", a.alertId());
        n.put("revision", a.revision());
        n.put("kind", a.kind());
        n.put("severity", a.severity());
        n.put("status", a.status());
        n.put("scope_type", a.scopeType());
        n.put("scope", a.scope());
        n.put("customer_id", a.customerId());
        n.put("category", a.category());
        n.put("channel", a.channel());
        n.put("region", a.region());
        n.put("route_team", a.routeTeam());
        n.put("account_manager", a.accountManager());
        n.put("account_manager_email", a.accountManagerEmail());
        n.put("reason_en", a.reasonEn());
        n.put("reason_zh", a.reasonZh());
        ArrayNode evidence = n.putArray("evidence_event_ids");
        for (String id : a.evidenceEventIds()) {
            evidence.add(id);
        }
        ObjectNode figures = n.putObject("figures");
        for (int i = 0; i < a.figureNames().length; i++) {
            double v = a.figureValues()[i];
            if (Double.isFinite(v)) {
                figures.put(a.figureNames()[i], v);
            } else {
                figures.putNull(a.figureNames()[i]);
            }
        }
        n.put("opened_at", Instant.ofEpochMilli(a.openedAtMs()).toString());
        n.put("event_time", Instant.ofEpochMilli(a.eventTimeMs()).toString());
        n.put("processed_at", Instant.ofEpochMilli(a.processedAtMs()).toString());
        return n;
    }

    public static ObjectNode toJson(ContactSuppression s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("customer_id", s.customerId());
        n.put("suppressed", s.suppressed());
        ArrayNode reasons = n.putArray("reasons");
        for (String r : s.reasons()) {
            reasons.add(r);
        }
        n.put("event_time", Instant.ofEpochMilli(s.eventTimeMs()).toString());
        n.put("processed_at", Instant.ofEpochMilli(s.processedAtMs()).toString());
        n.put("trigger_event_id", s.triggerEventId());
        return n;
    }

    static byte[] bytes(ObjectNode n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + n.path("alert_id").asText(n.path("customer_id").asText()), e);
        }
    }

    /** {@code cx.alerts}. */
    public static final class AlertSerializer implements KafkaRecordSerializationSchema<Alert> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(Alert a, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(Topics.ALERTS, null, timestamp, a.alertId().getBytes(StandardCharsets.UTF_8),
                    bytes(toJson(a)));
        }
    }

    /** {@code cx.contact-suppression}. */
    public static final class SuppressionSerializer implements KafkaRecordSerializationSchema<ContactSuppression> {
        @Override
        public ProducerRecord<byte[], byte[]> serialize(ContactSuppression s, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(Topics.CONTACT_SUPPRESSION, null, timestamp,
                    s.customerId().getBytes(StandardCharsets.UTF_8), bytes(toJson(s)));
        }
    }
}
