package io.cxpulse.contract;

import static io.cxpulse.contract.Records.KAFKA_TS;
import static io.cxpulse.contract.Records.bytes;
import static io.cxpulse.contract.Records.full;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.SourceRef;
import io.cxpulse.model.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile and odd input, one kind per test, each with its precise outcome: accepted exactly as sent, or refused with
 * a reason that names the field. (EventDecoderTest holds the basic refusals: not JSON, not UTF-8, too large, too deep,
 * a wrong type, a missing field, a duplicate key.) The policies are documented in schemas/events/README.md.
 */
class HostileInputTest {

    private final EventDecoder decoder = Records.defaultDecoder();

    private Decoded<?> decode(JsonNode record) {
        return decode(record, Topics.COMPLAINTS);
    }

    private Decoded<?> decode(JsonNode record, String topic) {
        return Records.decode(decoder, topic, bytes(record));
    }

    private static void assertRefused(Decoded<?> d, String field, String reasonContains) {
        assertThat(d.isAccepted()).as("refused").isFalse();
        assertThat(d.rejection().field()).isEqualTo(field);
        assertThat(d.rejection().reason()).contains(field + ": ").contains(reasonContains);
    }

    // --- texts: whatever a person can type reaches ClickHouse unchanged -------------------------------------------

    static Stream<String> oddTexts() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        return Stream.of(
                "'); DROP TABLE cxpulse.events; --",
                "\" OR 1=1; -- \\' \\\" \\\\ \\N NULL null",
                "back\\slash \\u0041 \\n not an escape",
                controls.toString(),
                "tab\there\r\nnew line\nand \u2028 line and \u2029 paragraph separators",
                "4-byte 😡🤬👍🏽 𝕏 𠀀, zero width \u200b\u200d, right-to-left \u202eoverride\u202c, BOM \ufeff inside",
                "{\"looks\":\"like json\"}\t[1,2]",
                "<script>alert(1)</script> ${jndi:ldap://x.example/a} %s %n {0}",
                "");
    }

    @ParameterizedTest
    @MethodSource("oddTexts")
    void anyTextIsAcceptedExactlyAsWritten(String text) {
        ObjectNode record = full(Topics.COMPLAINTS).put("text", text);
        Decoded<?> d = decode(record);
        assertThat(d.rejection()).isNull();
        CxEvent e = (CxEvent) d.value();
        assertThat(e.text()).isEqualTo(text);
        assertThat(e.payload()).isEqualTo(new String(bytes(record), StandardCharsets.UTF_8));
    }

    @Test
    void aTextOf100000CharactersIsAcceptedAndOneMoreIsRefused() {
        // characters are Unicode code points: 100,000 of them, a third outside the BMP, is 200 KB of UTF-8
        String text = "漢a😀".repeat(33_333) + "z";
        assertThat(text.codePointCount(0, text.length())).isEqualTo(100_000);
        Decoded<?> d = decode(full(Topics.SOCIAL_MENTIONS).put("text", text), Topics.SOCIAL_MENTIONS);
        assertThat(d.rejection()).isNull();
        assertThat(((CxEvent) d.value()).text()).isEqualTo(text);

        assertRefused(decode(full(Topics.SOCIAL_MENTIONS).put("text", text + "!"), Topics.SOCIAL_MENTIONS),
                "$.text", "must be at most 100,000 characters long");
    }

    @Test
    void rawControlCharactersInsideAStringAreNotJson() {
        String json = new String(bytes(full(Topics.COMPLAINTS).put("text", "PLACEHOLDER")), StandardCharsets.UTF_8)
                .replace("PLACEHOLDER", "a\u0000b");
        Decoded<?> d = Records.decode(decoder, Topics.COMPLAINTS, bytes(json));
        assertThat(d.rejection().reason()).startsWith("not valid JSON: Illegal unquoted character ((CTRL-CHAR, code 0))")
                .contains("line 1, column");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            lone high surrogate in the text     | text        | "abc\\ud83d"         | $.text
            lone low surrogate first            | text        | "\\ude00abc"         | $.text
            reversed pair                       | customer_id | "\\ude00\\ud83d"     | $.customer_id
            in an unknown field, nested         | extra       | {"a":["ok","\\ud800"]} | $.extra.a[1]
            """)
    void unpairedSurrogateEscapesAreRefusedNamingTheField(String name, String field, String json, String path) {
        String record = new String(bytes(full(Topics.COMPLAINTS).put(field, "PLACEHOLDER")), StandardCharsets.UTF_8)
                .replace("\"PLACEHOLDER\"", json);
        assertRefused(Records.decode(decoder, Topics.COMPLAINTS, bytes(record)), path, "unpaired UTF-16 surrogate");
    }

    @Test
    void aByteOrderMarkBeforeTheRecordIsAcceptedAndKept() {
        byte[] record = bytes("\ufeff" + new String(bytes(full(Topics.CLICKS)), StandardCharsets.UTF_8));
        Decoded<?> d = Records.decode(decoder, Topics.CLICKS, record);
        assertThat(d.rejection()).isNull();
        assertThat(((CxEvent) d.value()).payload()).startsWith("\ufeff{");
    }

    @Test
    void emptyTextsAreAcceptedButEmptyIdsAreNot() {
        for (String topic : List.of(Topics.COMPLAINTS, Topics.SOCIAL_MENTIONS, Topics.SERVICE_EVENTS)) {
            Decoded<?> d = decode(full(topic).put("text", ""), topic);
            assertThat(d.rejection()).as(topic).isNull();
            assertThat(((CxEvent) d.value()).text()).isEmpty();
        }
        assertRefused(decode(full(Topics.COMPLAINTS).put("customer_id", "")), "$.customer_id", "at least 1");
        assertRefused(decode(full(Topics.CUSTOMERS).put("customer_id", ""), Topics.CUSTOMERS), "$.customer_id",
                "at least 1");
    }

    @Test
    void anUnquotedWordOfATextIsNotRepeatedInTheReason() {
        String json = new String(bytes(full(Topics.COMPLAINTS).put("text", "PLACEHOLDER")), StandardCharsets.UTF_8)
                .replace("\"PLACEHOLDER\"", "Quokkazebra called 13800138000");
        String reason = Records.decode(decoder, Topics.COMPLAINTS, bytes(json)).rejection().reason();
        assertThat(reason).startsWith("not valid JSON: Unrecognized token '…'").doesNotContain("Quokkazebra");
        // a duplicate key still says which one
        String twice = json.replace("Quokkazebra called 13800138000", "\"x\",\"channel\":\"app\"");
        assertThat(Records.decode(decoder, Topics.COMPLAINTS, bytes(twice)).rejection().reason())
                .contains("Duplicate field 'channel'");
    }

    // --- structure: sizes, nesting, types, fields -----------------------------------------------------------------

    @Test
    void aRecordOfExactlyTheSizeLimitIsAcceptedOneByteMoreIsNot() {
        int limit = 64 * 1024;
        EventDecoder small = new EventDecoder(Contracts.load(), limit, 3_600_000L);
        ObjectNode record = full(Topics.COMPLAINTS).put("text", "");
        int room = limit - bytes(record).length;
        record.put("text", "x".repeat(room));
        assertThat(bytes(record)).hasSize(limit);
        assertThat(Records.decode(small, Topics.COMPLAINTS, bytes(record)).rejection()).isNull();
        record.put("text", "x".repeat(room + 1));
        assertThat(Records.decode(small, Topics.COMPLAINTS, bytes(record)).rejection().reason())
                .isEqualTo("record too large: " + (limit + 1) + " bytes, limit " + limit);
    }

    @Test
    void nestingUpToTheLimitInAnUnknownFieldIsKeptOneLevelMoreIsRefused() {
        // the record itself is level 1, so an extra field may hold 31 more levels
        String ok = "[".repeat(31) + "]".repeat(31);
        String json = new String(bytes(full(Topics.CLICKS).put("extra", "PLACEHOLDER")), StandardCharsets.UTF_8);
        Decoded<?> d = Records.decode(decoder, Topics.CLICKS, bytes(json.replace("\"PLACEHOLDER\"", ok)));
        assertThat(d.rejection()).isNull();
        assertThat(((CxEvent) d.value()).payload()).contains(ok);
        assertThat(Records.decode(decoder, Topics.CLICKS, bytes(json.replace("\"PLACEHOLDER\"", "[" + ok + "]")))
                .rejection().reason()).startsWith("not valid JSON: Document nesting depth (33) exceeds the maximum allowed (32");
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of(Topics.CLICKS, "event_time", Records.tree("1795421730000"), "integer found, string expected"),
                Arguments.of(Topics.CLICKS, "customer_id", Records.tree("{\"id\":\"c-1\"}"), "object found, string expected"),
                Arguments.of(Topics.COMPLAINTS, "text", Records.tree("[\"a\",\"b\"]"), "array found, string expected"),
                Arguments.of(Topics.COMPLAINTS, "severity", Records.tree("3.5"), "number found, integer expected"),
                Arguments.of(Topics.COMPLAINTS, "status", Records.tree("null"), "enumeration [\"opened\", \"updated\", \"escalated\", \"resolved\", \"reopened\", \"closed\"] (and 1 more)"),
                Arguments.of(Topics.SOCIAL_MENTIONS, "author_followers", Records.tree("\"500k\""), "string found, integer expected"),
                Arguments.of(Topics.SERVICE_EVENTS, "score", Records.tree("true"), "boolean found, number expected"),
                Arguments.of(Topics.CUSTOMERS, "handles", Records.tree("[\"@lily\"]"), "array found, object expected"),
                Arguments.of(Topics.CUSTOMERS, "marketing_opt_in", Records.tree("\"yes\""), "string found, boolean expected"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wrongTypes")
    void aValueOfTheWrongTypeIsRefusedNamingTheField(String topic, String field, JsonNode value, String message) {
        assertRefused(decode(full(topic).set(field, value), topic), "$." + field, message);
    }

    static Stream<Arguments> requiredFields() {
        List<Arguments> all = new ArrayList<>();
        Topics.INPUT_TOPICS.forEach(t -> Records.required(t).forEach(f -> all.add(Arguments.of(t, f))));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void everyMissingRequiredFieldIsNamed(String topic, String field) {
        ObjectNode record = full(topic);
        record.remove(field);
        assertRefused(decode(record, topic), "$." + field, "required property '" + field + "' not found");
    }

    static Stream<Arguments> enumFields() {
        List<Arguments> all = new ArrayList<>();
        for (String topic : Topics.INPUT_TOPICS) {
            for (Iterator<Map.Entry<String, JsonNode>> it = Records.contract(topic).get("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (p.getValue().has("enum")) {
                    all.add(Arguments.of(topic, p.getKey(), p.getValue().get("enum").get(0).asText()));
                }
            }
        }
        assertThat(all).hasSize(7);
        return all.stream();
    }

    /** Unknown enum values are refused: the job's state and alerts act on these values, so a new one needs a new contract. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("enumFields")
    void anUnknownEnumValueIsRefusedListingTheKnownOnes(String topic, String field, String firstKnown) {
        for (String unknown : List.of("teleport", firstKnown.toUpperCase(), " " + firstKnown, "")) {
            assertRefused(decode(full(topic).put(field, unknown), topic), "$." + field,
                    "does not have a value in the enumeration [\"" + firstKnown + "\"");
        }
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            cx.clicks          | duration_ms      | 1e300                | does not fit a 64-bit integer
            cx.clicks          | duration_ms      | 99999999999999999999 | does not fit a 64-bit integer
            cx.customers       | lifetime_value   | 1.8e308              | does not fit a 64-bit floating-point number
            cx.clicks          | duration_ms      | -1e999999999         | its exponent is beyond ±308
            cx.social-mentions | author_followers | 1E+2147483647        | its exponent is beyond ±308
            cx.complaints      | status           | -1E-2091397212       | its exponent is beyond ±308
            cx.complaints      | not_in_contract  | 1e-309               | its exponent is beyond ±308
            """)
    void aNumberNoColumnCanHoldIsRefusedNotWrapped(String topic, String field, String number, String message) {
        // -1E-2091397212 in an enum field made the schema validator write out two billion digits: out of memory
        assertRefused(decode(full(topic).set(field, Records.tree(number)), topic), "$." + field,
                "number out of range: " + message);
    }

    @Test
    void integersWrittenAsDecimalsAndLargeButFittingNumbersAreAcceptedExactly() {
        CxEvent click = (CxEvent) decode(full(Topics.CLICKS).set("duration_ms", Records.tree("1.2e3")), Topics.CLICKS).value();
        assertThat(click.durationMs()).isEqualTo(1200L);
        CxEvent mention = (CxEvent) decode(full(Topics.SOCIAL_MENTIONS).put("author_followers", Long.MAX_VALUE),
                Topics.SOCIAL_MENTIONS).value();
        assertThat(mention.followers()).isEqualTo(Long.MAX_VALUE);
        assertRefused(decode(full(Topics.CLICKS).set("duration_ms", Records.tree("-1e5")), Topics.CLICKS), "$.duration_ms",
                "minimum");
    }

    // --- time: far future and far past ----------------------------------------------------------------------------

    private Decoded<?> withTime(String time, long kafkaTs) {
        return Records.decode(decoder, new SourceRef(Topics.CLICKS, 0, 7, kafkaTs), bytes(full(Topics.CLICKS).put("event_time", time)));
    }

    @Test
    void theFutureSkewIsMeasuredFromTheKafkaTimestampToTheMillisecond() {
        Instant kafka = Instant.ofEpochMilli(KAFKA_TS);
        assertThat(withTime(kafka.plusSeconds(3600).toString(), KAFKA_TS).rejection()).isNull();
        assertRefused(withTime(kafka.plusSeconds(3600).plusMillis(1).toString(), KAFKA_TS), "$.event_time",
                "3600 s ahead of the record's Kafka timestamp (limit 3600 s)");
        assertRefused(withTime("2036-01-01T00:00:00+14:00", KAFKA_TS), "$.event_time", "ahead of the record's Kafka timestamp");
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, 0})
    void withoutAKafkaTimestampOnlyTheCalendarLimitsApply(long kafkaTs) {
        assertThat(withTime("2099-12-31T23:59:59.999Z", kafkaTs).rejection()).isNull();
        assertRefused(withTime("2100-01-01T00:00:00Z", kafkaTs), "$.event_time", "not before 2100-01-01T00:00:00Z");
        assertRefused(withTime("9999-12-31T23:59:59Z", kafkaTs), "$.event_time", "not before 2100-01-01T00:00:00Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z"})
    void yearsBeyondWhatMillisecondsHoldAreRefusedNotThrown(String time) {
        // before the fix, toEpochMilli() overflowed with an ArithmeticException: a poison record for the source
        Decoded<?> d = withTime(time, -1);
        assertThat(d.isAccepted()).isFalse();
        assertThat(d.rejection().field()).isEqualTo("$.event_time");
        assertThat(d.rejection().reason()).doesNotContain(time);
    }

    @Test
    void theFarPastIsAcceptedFrom2000OnLatenessIsTheJobsToJudge() {
        assertThat(withTime("2000-01-01T00:00:00Z", KAFKA_TS).rejection()).isNull();
        assertThat(withTime("2001-06-01T12:00:00+08:00", KAFKA_TS).rejection()).isNull();
        assertRefused(withTime("1999-12-31T23:59:59.999Z", KAFKA_TS), "$.event_time", "before 2000-01-01T00:00:00Z");
        assertRefused(withTime("1970-01-01T00:00:00Z", KAFKA_TS), "$.event_time", "before 2000-01-01T00:00:00Z");
    }

    @Test
    void profileTimesAndDatesKeepToTheSameYears() {
        assertRefused(decode(full(Topics.CUSTOMERS).put("updated_at", "+999999999-12-31T23:59:59Z"), Topics.CUSTOMERS),
                "$.updated_at", "not an ISO-8601 date-time with a zone");
        assertRefused(decode(full(Topics.CUSTOMERS).put("updated_at", "2150-01-01T00:00:00Z"), Topics.CUSTOMERS),
                "$.updated_at", "not before 2100-01-01T00:00:00Z");
        assertRefused(decode(full(Topics.CUSTOMERS).put("contract_renewal_date", "9999-12-31"), Topics.CUSTOMERS),
                "$.contract_renewal_date", "outside the years 2000 to 2099");
        CustomerProfile p = (CustomerProfile) decode(full(Topics.CUSTOMERS), Topics.CUSTOMERS).value();
        assertThat(p.contractRenewalDate()).isEqualTo("2027-03-01");
    }
}
