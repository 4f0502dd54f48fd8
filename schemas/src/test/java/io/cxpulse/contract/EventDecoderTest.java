package io.cxpulse.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;
import io.cxpulse.model.SourceRef;
import io.cxpulse.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventDecoderTest {

    private static final long KAFKA_TS = Instant.parse("2026-11-23T08:16:00Z").toEpochMilli();
    private final EventDecoder decoder = new EventDecoder(Contracts.load(), 4096, 3_600_000L);

    private static SourceRef at(String topic) {
        return new SourceRef(topic, 1, 42, KAFKA_TS);
    }

    private Decoded<CxEvent> event(String topic, String json) {
        return decoder.decodeEvent(at(topic), json.getBytes(StandardCharsets.UTF_8));
    }

    static final String CLICK = """
            {"event_id":"e1","event_time":"2026-11-23T08:15:30.123Z","customer_id":"c1","session_id":"s1",
             "page":"/account/cancel","action":"cancel_flow","duration_ms":1200,"device":"web","new_field":{"x":1}}""";

    @Test
    void acceptsAClickAndKeepsTheRawPayload() {
        Decoded<CxEvent> d = event(Topics.CLICKS, CLICK);
        assertThat(d.rejection()).isNull();
        CxEvent e = d.value();
        assertThat(e.type()).isEqualTo(EventType.CLICK);
        assertThat(e.kind()).isEqualTo("cancel_flow");
        assertThat(e.customerId()).isEqualTo("c1");
        assertThat(e.eventTimeMs()).isEqualTo(Instant.parse("2026-11-23T08:15:30.123Z").toEpochMilli());
        assertThat(e.durationMs()).isEqualTo(1200L);
        assertThat(e.caseId()).isEqualTo("s1");
        assertThat(e.payload()).isEqualTo(CLICK);
        assertThat(e.source().coordinates()).isEqualTo("cx.clicks/1@42");
    }

    @Test
    void acceptsAComplaintWithEmptyTextAndAZoneOffset() {
        Decoded<CxEvent> d = event(Topics.COMPLAINTS, """
                {"event_id":"e2","event_time":"2026-11-23T16:15:30+08:00","customer_id":"c1","complaint_id":"k1",
                 "channel":"phone","status":"resolved","text":""}""");
        assertThat(d.rejection()).isNull();
        assertThat(d.value().eventTimeMs()).isEqualTo(Instant.parse("2026-11-23T08:15:30Z").toEpochMilli());
        assertThat(d.value().kind()).isEqualTo("resolved");
        assertThat(d.value().channel()).isEqualTo("phone");
    }

    @Test
    void acceptsAMentionWithoutCustomerAndChineseText() {
        Decoded<CxEvent> d = event(Topics.SOCIAL_MENTIONS, """
                {"event_id":"e3","event_time":"2026-11-23T08:15:30Z","platform":"weibo","author_handle":"@lily",
                 "author_followers":500000,"text":"快递太慢了 😡 再也不买了"}""");
        assertThat(d.rejection()).isNull();
        assertThat(d.value().customerId()).isNull();
        assertThat(d.value().followers()).isEqualTo(500_000L);
        assertThat(d.value().text()).contains("快递");
    }

    @Test
    void acceptsAServiceEventAndAProfile() {
        assertThat(event(Topics.SERVICE_EVENTS, """
                {"event_id":"e4","event_time":"2026-11-23T08:15:30Z","customer_id":"c1","type":"call_abandoned","wait_ms":600000}""")
                .value().waitMs()).isEqualTo(600_000L);
        Decoded<CustomerProfile> p = decoder.decodeProfile(at(Topics.CUSTOMERS), """
                {"customer_id":"c1","updated_at":"2026-11-01T00:00:00Z","tier":"vip","region":"east",
                 "account_manager":"wang","handles":{"weibo":"@lily"},"marketing_opt_in":true}""".getBytes(StandardCharsets.UTF_8));
        assertThat(p.rejection()).isNull();
        assertThat(p.value().handles()).containsEntry("weibo", "@lily");
        assertThat(p.value().marketingOptIn()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON            | {"event_id": oops                                                        | not valid JSON:       |
            trailing garbage    | {"event_id":"x"} {"more":1}                                              | not valid JSON:       |
            array, not object   | [1,2,3]                                                                  | not a JSON object     |
            missing field       | {"event_id":"e","event_time":"2026-11-23T08:15:30Z","customer_id":"c","session_id":"s","page":"/"} | required | $.action
            unknown enum        | {"event_id":"e","event_time":"2026-11-23T08:15:30Z","customer_id":"c","session_id":"s","page":"/","action":"teleport"} | enumeration | $.action
            wrong type          | {"event_id":"e","event_time":"2026-11-23T08:15:30Z","customer_id":"c","session_id":"s","page":"/","action":"view","duration_ms":"long"} | integer | $.duration_ms
            negative number     | {"event_id":"e","event_time":"2026-11-23T08:15:30Z","customer_id":"c","session_id":"s","page":"/","action":"view","duration_ms":-5} | minimum | $.duration_ms
            time without zone   | {"event_id":"e","event_time":"2026-11-23T08:15:30","customer_id":"c","session_id":"s","page":"/","action":"view"} | ISO-8601 | $.event_time
            time far ahead      | {"event_id":"e","event_time":"2027-01-01T00:00:00Z","customer_id":"c","session_id":"s","page":"/","action":"view"} | ahead of the record's Kafka timestamp | $.event_time
            time before 2000    | {"event_id":"e","event_time":"1970-01-01T00:00:00Z","customer_id":"c","session_id":"s","page":"/","action":"view"} | before 2000 | $.event_time
            empty event id      | {"event_id":"","event_time":"2026-11-23T08:15:30Z","customer_id":"c","session_id":"s","page":"/","action":"view"} | $.event_id | $.event_id
            duplicate key       | {"event_id":"e","event_id":"f","event_time":"2026-11-23T08:15:30Z","customer_id":"c","session_id":"s","page":"/","action":"view"} | Duplicate field |
            """)
    void rejectsWithAPreciseReason(String name, String json, String reasonContains, String field) {
        Decoded<CxEvent> d = event(Topics.CLICKS, json);
        assertThat(d.isAccepted()).as(name).isFalse();
        assertThat(d.rejection().reason()).as(name).contains(reasonContains);
        if (field != null) {
            assertThat(d.rejection().field()).as(name).isEqualTo(field);
        }
    }

    @Test
    void rejectsNonUtf8BytesWithTheirOffset() {
        byte[] bytes = "{\"event_id\":\"e\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        Decoded<CxEvent> d = decoder.decodeEvent(at(Topics.CLICKS), bytes);
        assertThat(d.rejection().reason()).isEqualTo("not valid UTF-8: malformed byte sequence at byte offset 14");
    }

    @Test
    void rejectsOversizedAndEmptyRecordsBeforeParsing() {
        assertThat(decoder.decodeEvent(at(Topics.CLICKS), new byte[5000]).rejection().reason())
                .isEqualTo("record too large: 5000 bytes, limit 4096");
        assertThat(decoder.decodeEvent(at(Topics.CLICKS), new byte[0]).rejection().reason()).startsWith("empty record");
        assertThat(decoder.decodeEvent(at(Topics.CLICKS), null).rejection().reason()).startsWith("empty record");
    }

    @Test
    void rejectsDeeplyNestedJson() {
        String nested = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        Decoded<CxEvent> d = event(Topics.CLICKS, nested);
        assertThat(d.rejection().reason()).startsWith("not valid JSON:").contains("nesting depth");
    }

    @Test
    void rejectionReasonsNeverQuoteTheTextOfTheRecord() {
        Decoded<CxEvent> d = event(Topics.COMPLAINTS, "{\"text\":\"my phone number is 13800138000\" oops}");
        assertThat(d.rejection().reason()).doesNotContain("13800138000");
    }

    @Test
    void aMissingRequiredFieldIsNamedByPath() {
        Decoded<CxEvent> d = event(Topics.COMPLAINTS, """
                {"event_id":"e","event_time":"2026-11-23T08:15:30Z","customer_id":"c","channel":"phone","status":"opened","text":"x"}""");
        assertThat(d.rejection().field()).isEqualTo("$.complaint_id");
        assertThat(d.rejection().reason()).startsWith("breaks the cx.complaints contract:").contains("complaint_id");
    }
}
