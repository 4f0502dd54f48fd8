package io.cxpulse.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.model.SourceRef;
import io.cxpulse.model.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Valid records of every input topic, and what their contracts say, for tests that break or extend them. The full
 * records carry every field the contracts know, the minimal ones only what the first contract version required.
 */
final class Records {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final long KAFKA_TS = Instant.parse("2026-11-23T08:16:00Z").toEpochMilli();
    static final String TIME = "2026-11-23T08:15:30.123Z";

    /** Free text of every text-bearing field: distinctive words that no reason, field name or enum contains. */
    static final String TEXT = "Quokkazebra Xylophonic 我的电话号码是13800138000 😡";
    static final List<String> TEXT_WORDS = List.of("Quokkazebra", "Xylophonic", "电话号码", "13800138000");

    private static final Map<String, String> MINIMAL = Map.of(
            Topics.CLICKS, """
                    {"event_id":"e-1","event_time":"%s","customer_id":"c-1","session_id":"s-1","page":"/","action":"view"}""",
            Topics.COMPLAINTS, """
                    {"event_id":"e-2","event_time":"%s","customer_id":"c-1","complaint_id":"k-1","channel":"phone",
                     "status":"opened","text":"%s"}""",
            Topics.SOCIAL_MENTIONS, """
                    {"event_id":"e-3","event_time":"%s","platform":"weibo","author_handle":"@lily","author_followers":12,
                     "text":"%s"}""",
            Topics.SERVICE_EVENTS, """
                    {"event_id":"e-4","event_time":"%s","customer_id":"c-1","type":"call_abandoned"}""",
            Topics.CUSTOMERS, """
                    {"customer_id":"c-1","updated_at":"%s"}""");

    private static final Map<String, String> FULL_EXTRAS = Map.of(
            Topics.CLICKS, """
                    {"schema_version":1,"source":"web-tracker","duration_ms":1200,"device":"ios","referrer":"https://x.example/?q=1"}""",
            Topics.COMPLAINTS, """
                    {"schema_version":1,"source":"crm","category":"delivery","severity":4,"order_id":"o-9"}""",
            Topics.SOCIAL_MENTIONS, """
                    {"schema_version":1,"source":"listener","customer_id":"c-1","url":"https://weibo.example/p/1","likes":3,
                     "shares":1}""",
            Topics.SERVICE_EVENTS, """
                    {"schema_version":1,"source":"call-center","case_id":"case-1","wait_ms":600000,"handle_ms":120000,
                     "score":7.5,"department":"billing","text":"%s"}""",
            Topics.CUSTOMERS, """
                    {"schema_version":1,"name":"Lily","segment":"consumer","tier":"vip","region":"east","account_manager":"wang",
                     "account_manager_email":"wang@example.com","handles":{"weibo":"@lily"},"marketing_opt_in":false,
                     "lifetime_value":1234.5,"contract_renewal_date":"2027-03-01"}""");

    private Records() {}

    /** What a producer of the first contract version sent: the required fields only. */
    static ObjectNode minimal(String topic) {
        return (ObjectNode) tree(MINIMAL.get(topic).formatted(TIME, TEXT));
    }

    /** Every field the contract knows, each with a valid value. */
    static ObjectNode full(String topic) {
        ObjectNode record = minimal(topic);
        record.setAll((ObjectNode) tree(FULL_EXTRAS.get(topic).formatted(TEXT)));
        return record;
    }

    static SourceRef at(String topic) {
        return new SourceRef(topic, 1, 42, KAFKA_TS);
    }

    /** Decodes with the job's defaults (1 MiB, 1 h skew) as an event or a profile, by topic. */
    static Decoded<?> decode(EventDecoder decoder, String topic, byte[] value) {
        return decode(decoder, at(topic), value);
    }

    static Decoded<?> decode(EventDecoder decoder, SourceRef source, byte[] value) {
        return Topics.CUSTOMERS.equals(source.topic()) ? decoder.decodeProfile(source, value) : decoder.decodeEvent(source, value);
    }

    static EventDecoder defaultDecoder() {
        return new EventDecoder(Contracts.load(), 1024 * 1024, 3_600_000L);
    }

    static byte[] bytes(JsonNode record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Read from the bytes as the decoder reads them (Jackson skips a UTF-8 byte-order mark there, not in a String). */
    static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("test record is not JSON: " + e.getMessage(), e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("test record is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The contract of a topic as shipped, for walking its fields. */
    static JsonNode contract(String topic) {
        try (InputStream in = Records.class.getResourceAsStream(Contracts.resourceOf(topic))) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> required(String topic) {
        List<String> fields = new ArrayList<>();
        contract(topic).get("required").forEach(f -> fields.add(f.asText()));
        return fields;
    }
}
