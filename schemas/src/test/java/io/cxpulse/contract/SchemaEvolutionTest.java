package io.cxpulse.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Producers upgrade at their own pace: on every input topic, a record of the first contract version (required fields
 * only, no schema_version) and one of a newer producer (every known field, schema_version 2, and fields CX Pulse does
 * not know yet, of every JSON type) are both accepted, decode the known fields alike, and the new fields reach
 * {@code events.payload} as sent. The policy is in schemas/events/README.md ("Contract evolution").
 */
class SchemaEvolutionTest {

    private static final String NEWER_FIELDS = """
            {"schema_version":2,"loyalty_tier_v2":"platinum","consent":{"sms":true,"email":false,"history":[1,2,3]},
             "tags":["a","b"],"ratio":0.25,"big_count":12345678901234,"maybe":null,"note_zh":"新字段 😀"}""";

    private final EventDecoder decoder = Records.defaultDecoder();

    static Iterable<String> topics() {
        return Topics.INPUT_TOPICS;
    }

    @ParameterizedTest
    @MethodSource("topics")
    void anOlderProducersRecordIsAccepted(String topic) {
        ObjectNode older = Records.minimal(topic);
        assertThat(older.has("schema_version")).isFalse();
        Decoded<?> d = Records.decode(decoder, topic, Records.bytes(older));
        assertThat(d.rejection()).as(topic).isNull();
        assertKnownFieldsDecoded(d.value(), older);
    }

    @ParameterizedTest
    @MethodSource("topics")
    void aNewerProducersRecordWithFieldsWeDoNotKnowIsAcceptedAndKeptWhole(String topic) {
        ObjectNode newer = Records.full(topic);
        newer.setAll((ObjectNode) Records.tree(NEWER_FIELDS));
        byte[] sent = Records.bytes(newer);
        Decoded<?> d = Records.decode(decoder, topic, sent);
        assertThat(d.rejection()).as(topic).isNull();
        assertKnownFieldsDecoded(d.value(), newer);
        if (d.value() instanceof CxEvent e) {
            assertThat(e.payload()).isEqualTo(new String(sent, StandardCharsets.UTF_8));
            assertThat(Records.tree(e.payload()).get("consent")).isEqualTo(newer.get("consent"));
        }
    }

    @ParameterizedTest
    @MethodSource("topics")
    void newFieldsDoNotChangeHowTheKnownOnesDecode(String topic) {
        ObjectNode known = Records.full(topic);
        ObjectNode newer = known.deepCopy();
        newer.setAll((ObjectNode) Records.tree(NEWER_FIELDS));
        Object plain = Records.decode(decoder, topic, Records.bytes(known)).value();
        Object extended = Records.decode(decoder, topic, Records.bytes(newer)).value();
        if (plain instanceof CxEvent e) {
            assertThat(((CxEvent) extended).withoutText()).usingRecursiveComparison().ignoringFields("payload")
                    .isEqualTo(e.withoutText());
        } else {
            assertThat(extended).isEqualTo(plain);
        }
    }

    /** The identity, time and text of the record come out as sent. */
    private static void assertKnownFieldsDecoded(Object decoded, JsonNode record) {
        if (decoded instanceof CustomerProfile p) {
            assertThat(p.customerId()).isEqualTo(record.get("customer_id").asText());
            assertThat(Instant.ofEpochMilli(p.updatedAtMs())).isEqualTo(Instant.parse(record.get("updated_at").asText()));
            assertThat(p.tier()).isEqualTo(record.path("tier").textValue());
            return;
        }
        CxEvent e = (CxEvent) decoded;
        assertThat(e.eventId()).isEqualTo(record.get("event_id").asText());
        assertThat(e.customerId()).isEqualTo(record.path("customer_id").textValue());
        assertThat(Instant.ofEpochMilli(e.eventTimeMs())).isEqualTo(Instant.parse(record.get("event_time").asText()));
        assertThat(e.text()).isEqualTo(record.path("text").textValue());
    }
}
