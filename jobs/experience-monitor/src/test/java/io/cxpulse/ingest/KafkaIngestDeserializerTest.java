package io.cxpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.model.Topics;
import io.cxpulse.profile.Erasure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** A cx.customers tombstone is an erasure; every other record without a value stays a rejected record. */
class KafkaIngestDeserializerTest {

    private static final long TS = 1_780_000_000_000L;

    private static List<Ingested> deserialize(String topic, String key, byte[] value, RecordHeaders headers) {
        var record = new ConsumerRecord<>(topic, 1, 42L, TS, TimestampType.CREATE_TIME, 0, 0,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
        List<Ingested> out = new ArrayList<>();
        new KafkaIngestDeserializer(new RecordDecoder(1 << 20, 3_600_000L)).deserialize(record, new Collector<>() {
            @Override
            public void collect(Ingested i) {
                out.add(i);
            }

            @Override
            public void close() {}
        });
        return out;
    }

    @Test
    void aCustomersTombstoneErasesTheKeysCustomerWithTheHandlesItsHeadersName() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Erasure.HANDLE_HEADER_PREFIX + "weibo", "@lily".getBytes(StandardCharsets.UTF_8));
        headers.add("unrelated", "x".getBytes(StandardCharsets.UTF_8));
        assertThat(deserialize(Topics.CUSTOMERS, "cust-7", null, headers)).singleElement().satisfies(i -> {
            assertThat(i.profile()).isNotNull();
            assertThat(Erasure.isErasure(i.profile())).isTrue();
            assertThat(i.profile().customerId()).isEqualTo("cust-7");
            assertThat(i.profile().updatedAtMs()).isEqualTo(TS);
            assertThat(i.profile().handles()).isEqualTo(Map.of("weibo", "@lily"));
        });
    }

    @Test
    void aDecodedProfileIsNeverAnErasure() {
        byte[] json = "{\"customer_id\":\"cust-7\",\"updated_at\":\"2026-01-01T00:00:00Z\",\"tier\":\"vip\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(deserialize(Topics.CUSTOMERS, "cust-7", json, new RecordHeaders())).singleElement()
                .satisfies(i -> assertThat(Erasure.isErasure(i.profile())).isFalse());
    }

    @Test
    void anEmptyValueANullValueElsewhereOrWithoutAKeyIsStillRejected() {
        assertThat(deserialize(Topics.CUSTOMERS, "cust-7", new byte[0], new RecordHeaders())).singleElement()
                .satisfies(i -> assertThat(i.error()).isNotNull());
        assertThat(deserialize(Topics.CUSTOMERS, null, null, new RecordHeaders())).singleElement()
                .satisfies(i -> assertThat(i.error()).isNotNull());
        assertThat(deserialize(Topics.CLICKS, "cust-7", null, new RecordHeaders())).singleElement()
                .satisfies(i -> assertThat(i.error()).isNotNull());
    }
}
