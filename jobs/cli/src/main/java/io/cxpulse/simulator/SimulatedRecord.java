package io.cxpulse.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record for Kafka. {@code key} is the customer id where known (null for a mention that carries only a handle);
 * {@code value} is UTF-8 JSON unless {@code malformed} says it was broken on purpose; {@code eventId} is the event's
 * {@code event_id}, null for a profile or a malformed record.
 */
public record SimulatedRecord(String topic, String key, byte[] value, long eventTimeMs, boolean malformed,
        String eventId) {

    public SimulatedRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
    }

    public byte[] keyBytes() {
        return key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SimulatedRecord r && topic.equals(r.topic) && Objects.equals(key, r.key)
                && Arrays.equals(value, r.value) && eventTimeMs == r.eventTimeMs && malformed == r.malformed
                && Objects.equals(eventId, r.eventId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, key, Arrays.hashCode(value), eventTimeMs, malformed, eventId);
    }

    /** Without the value: it holds customer text, which must not reach logs. */
    @Override
    public String toString() {
        return "SimulatedRecord[topic=" + topic + ", key=" + key + ", bytes=" + value.length
                + ", eventTimeMs=" + eventTimeMs + ", malformed=" + malformed + ", eventId=" + eventId + "]";
    }
}
