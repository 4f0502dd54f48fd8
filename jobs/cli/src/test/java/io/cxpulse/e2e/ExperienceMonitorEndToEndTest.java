package io.cxpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.job.JobSinks;
import io.cxpulse.job.JobSources;
import io.cxpulse.local.LocalFlink;
import io.cxpulse.model.Topics;
import io.cxpulse.simulator.SimulatedRecord;
import io.cxpulse.simulator.Simulator;
import io.cxpulse.simulator.SimulatorSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a real Kafka broker, a real ClickHouse server and a Flink mini-cluster with RocksDB: every valid
 * event lands in {@code events} exactly once (retries included), every malformed record lands in
 * {@code ingest_errors} and {@code cx.dead-letter} with its reason, late events are stored, and a crash followed by a
 * restart from the last checkpoint neither loses nor duplicates anything.
 */
class ExperienceMonitorEndToEndTest {

    private static final String DB = "e2e";
    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");

    @TempDir
    static Path dir;

    static LocalStack stack;

    @BeforeAll
    static void startServers() {
        stack = new LocalStack(dir, DB);
    }

    @AfterAll
    static void stopServers() {
        if (stack != null) {
            stack.close();
        }
    }

    /** Malformed records of every kind, each with the words its reason must contain. */
    private static final Map<String, String> MALFORMED = new LinkedHashMap<>();

    static {
        MALFORMED.put("{\"event_id\":\"m1\", oops", "not valid JSON");
        MALFORMED.put("[\"an\",\"array\"]", "not a JSON object");
        MALFORMED.put(complaint("m3", now(), "c-m").replace("\"status\":\"opened\",", ""), "$.status");
        MALFORMED.put(complaint("m4", now(), "c-m").replace("\"opened\"", "\"vanished\""), "enumeration");
        MALFORMED.put(complaint("m5", now(), "c-m").replace("\"severity\":3", "\"severity\":\"high\""), "$.severity");
        MALFORMED.put(complaint("m6", "yesterday", "c-m"), "$.event_time");
    }

    @Test
    void everyEventOnceEveryBadRecordExplainedAndARestartLosesNothing() throws Exception {
        Path state = dir.resolve("flink");
        Set<String> expectedIds = new HashSet<>();
        int malformedSent = 0;

        LocalFlink job = LocalFlink.start(stack.config, JobSources.kafka(stack.config), JobSinks.production(stack.config),
                state, 0);
        job.awaitRunning(Duration.ofSeconds(60));

        // 1. realistic traffic with producer retries and malformed records mixed in
        Simulator simulator = new Simulator(new SimulatorSettings(11, 150, 500, 0.02, System.currentTimeMillis() - 60_000));
        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
        for (SimulatedRecord r : simulator.profiles()) {
            batch.add(new ProducerRecord<>(r.topic(), r.keyBytes(), r.value()));
        }
        int profiles = batch.size();
        for (int i = 0; i < 3_000; i++) {
            SimulatedRecord r = simulator.next();
            batch.add(new ProducerRecord<>(r.topic(), r.keyBytes(), r.value()));
            if (r.malformed()) {
                malformedSent++;
            } else {
                expectedIds.add(eventId(r.value()));
            }
        }
        // 2. an exact retry and each kind of malformed record, with known reasons
        String retried = complaint("retry-1", now(), "c-retry");
        batch.add(new ProducerRecord<>(Topics.COMPLAINTS, "c-retry".getBytes(), bytes(retried)));
        batch.add(new ProducerRecord<>(Topics.COMPLAINTS, "c-retry".getBytes(), bytes(retried)));
        expectedIds.add("retry-1");
        for (String bad : MALFORMED.keySet()) {
            batch.add(new ProducerRecord<>(Topics.COMPLAINTS, "c-m".getBytes(), bytes(bad)));
        }
        batch.add(new ProducerRecord<>(Topics.CLICKS, null, new byte[] {'{', (byte) 0xC3, '}'}));
        malformedSent += MALFORMED.size() + 1;
        stack.sendAll(batch);

        int expectedErrors = malformedSent;
        awaitCounts(expectedIds.size(), expectedErrors);
        assertThat(stack.count("SELECT count() FROM " + DB + ".customers FINAL")).isEqualTo(150);
        assertThat(profiles).isEqualTo(150);

        // every kind of malformed record is explained precisely
        for (Map.Entry<String, String> bad : MALFORMED.entrySet()) {
            String reason = stack.clickhouse.query("SELECT reason FROM " + DB + ".ingest_errors FINAL WHERE payload = '"
                    + bad.getKey().replace("\\", "\\\\").replace("'", "\\'") + "'").trim();
            assertThat(reason).as("reason for %s", bad.getKey()).contains(bad.getValue());
        }
        assertThat(stack.clickhouse.query("SELECT concat(reason, '|', payload_encoding) FROM " + DB
                + ".ingest_errors FINAL WHERE source_topic = 'cx.clicks' AND reason LIKE 'not valid UTF-8%'"))
                .contains("not valid UTF-8: malformed byte sequence at byte offset 1|base64");
        assertThat(stack.count("SELECT count() FROM " + DB + ".events FINAL WHERE event_id = 'retry-1'")).isEqualTo(1);
        assertThat(stack.clickhouse.query("SELECT groupUniqArray(event_type) FROM " + DB + ".events"))
                .contains("click").contains("complaint").contains("social_mention").contains("service_event");

        // every text-bearing event is scored, with its language and the model version; complaints get a category
        assertThat(stack.count("SELECT count() FROM " + DB + ".events FINAL WHERE text != '' AND (sentiment IS NULL "
                + "OR sentiment < -1 OR sentiment > 1 OR language NOT IN ('zh', 'en', 'other') OR model_version = '')"))
                .isZero();
        assertThat(stack.count("SELECT count() FROM " + DB + ".events FINAL WHERE text != ''")).isPositive();
        assertThat(stack.count("SELECT count() FROM " + DB + ".events FINAL WHERE event_type = 'complaint' "
                + "AND kind = 'opened' AND category = ''")).isZero();
        assertThat(stack.clickhouse.query("SELECT concat(category, '|', category_source, '|', toString(sentiment < 0)) FROM "
                + DB + ".events FINAL WHERE event_id = 'retry-1'").trim()).isEqualTo("delivery|classified|1");

        // every customer with events has a churn score, with reasons and the profile's account manager
        // (the scores are another sink: give it its flush interval to catch up)
        LocalStack.await("a score for every customer with events", Duration.ofSeconds(30),
                () -> stack.count("SELECT uniqExact(customer_id) FROM " + DB + ".events FINAL WHERE customer_id != '' "
                        + "AND customer_id NOT IN (SELECT customer_id FROM " + DB + ".customer_scores_latest)") == 0);
        assertThat(stack.count("SELECT count() FROM " + DB + ".customer_scores_latest FINAL "
                + "WHERE churn_risk < 0 OR churn_risk > 1 OR explanation_en = '' OR explanation_zh = ''")).isZero();
        assertThat(stack.count("SELECT count() FROM " + DB + ".customer_scores_latest FINAL "
                + "WHERE customer_id LIKE 'cust-%' AND account_manager = ''")).isZero();
        // mentions that name only a handle a profile claims are attributed to that customer
        assertThat(stack.count("SELECT count() FROM " + DB + ".events FINAL WHERE customer_source = 'handle' "
                + "AND customer_id != ''")).isPositive();

        // explain: what an account manager reads when an alert arrives; a hostile id cannot alter the query
        String explained = explain("c-retry");
        assertThat(explained).contains("customer c-retry").contains("churn risk").contains("why: ")
                .contains("recent events").contains("complaint opened");
        assertThat(explain("x' OR 1=1 --")).contains("no customer 'x' OR 1=1 --'");

        // 3. late and out-of-order events are stored, and flagged as late
        Thread.sleep(4_000); // past the idle timeout, so the watermark stands near the newest event time
        String lateTime = Instant.now().minus(Duration.ofHours(2)).toString();
        stack.send(Topics.COMPLAINTS, "c-late", bytes(complaint("late-1", lateTime, "c-late")));
        stack.send(Topics.COMPLAINTS, "c-late", bytes(complaint("late-2", Instant.now().minus(Duration.ofHours(3)).toString(), "c-late")));
        expectedIds.add("late-1");
        expectedIds.add("late-2");
        awaitCounts(expectedIds.size(), expectedErrors);
        assertThat(stack.count("SELECT sum(late) FROM " + DB + ".events FINAL WHERE event_id IN ('late-1', 'late-2')"))
                .isEqualTo(2);

        // 4. a crash: the job goes away without a savepoint; more events arrive while it is down
        Thread.sleep(2_500); // let at least one checkpoint complete after the data above
        job.cancel();
        assertThat(LocalFlink.newestRestorePoint(state)).isPresent();
        List<ProducerRecord<byte[], byte[]>> whileDown = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            SimulatedRecord r = simulator.next();
            whileDown.add(new ProducerRecord<>(r.topic(), r.keyBytes(), r.value()));
            if (r.malformed()) {
                expectedErrors++;
            } else {
                expectedIds.add(eventId(r.value()));
            }
        }
        stack.sendAll(whileDown);

        // 5. restart from the latest checkpoint: nothing lost, nothing counted twice
        try (LocalFlink restarted = LocalFlink.start(stack.config, JobSources.kafka(stack.config),
                JobSinks.production(stack.config), state, 0)) {
            assertThat(restarted.restoredFrom()).contains("chk-");
            restarted.awaitRunning(Duration.ofSeconds(60));
            awaitCounts(expectedIds.size(), expectedErrors);
            Set<String> stored = new HashSet<>(List.of(stack.clickhouse.query(
                    "SELECT DISTINCT event_id FROM " + DB + ".events").trim().split("\n")));
            assertThat(stored).isEqualTo(expectedIds);
            assertThat(stack.count("SELECT count() FROM " + DB + ".events FINAL")).isEqualTo(expectedIds.size());
            assertThat(stack.count("SELECT count() FROM " + DB + ".ingest_errors FINAL")).isEqualTo(expectedErrors);
            assertThat(deadLetters()).isEqualTo(expectedErrors);
        }
    }

    private static String explain(String customer) {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            io.cxpulse.cli.CxPulse.execute("explain", "--customer", customer, "--clickhouse-url", stack.clickhouse.httpUrl(),
                    "--clickhouse-database", DB);
        } finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static void awaitCounts(int events, int errors) throws InterruptedException {
        LocalStack.await(events + " events and " + errors + " ingest errors", Duration.ofSeconds(120),
                () -> stack.count("SELECT count() FROM " + DB + ".events FINAL") == events
                        && stack.count("SELECT count() FROM " + DB + ".ingest_errors FINAL") == errors);
        // a short settle: nothing more may arrive (a duplicate would show here)
        Thread.sleep(1_500);
        assertThat(stack.count("SELECT count() FROM " + DB + ".events FINAL")).isEqualTo(events);
        assertThat(stack.count("SELECT uniqExact(event_id) FROM " + DB + ".events")).isEqualTo(events);
    }

    /** Distinct dead letters committed to cx.dead-letter (read_committed: aborted transactions are invisible). */
    private static long deadLetters() {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", stack.kafka.bootstrapServers());
        p.put("group.id", "e2e-dead-letter-reader");
        p.put("auto.offset.reset", "earliest");
        p.put("isolation.level", "read_committed");
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTER));
            long deadline = System.currentTimeMillis() + 30_000;
            int quiet = 0;
            while (System.currentTimeMillis() < deadline && quiet < 5) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                quiet = records.isEmpty() ? quiet + 1 : 0;
                records.forEach(r -> {
                    Matcher m = Pattern.compile("\"error_id\":\"([^\"]+)\"").matcher(new String(r.value(), StandardCharsets.UTF_8));
                    if (m.find()) {
                        ids.add(m.group(1));
                    }
                });
            }
        }
        return ids.size();
    }

    private static String eventId(byte[] value) {
        Matcher m = EVENT_ID.matcher(new String(value, StandardCharsets.UTF_8));
        if (!m.find()) {
            throw new IllegalStateException("valid simulated record without event_id");
        }
        return m.group(1);
    }

    private static String now() {
        return Instant.now().toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String complaint(String id, String time, String customer) {
        return "{\"event_id\":\"" + id + "\",\"event_time\":\"" + time + "\",\"customer_id\":\"" + customer
                + "\",\"complaint_id\":\"k-" + id + "\",\"channel\":\"phone\",\"status\":\"opened\",\"severity\":3,"
                + "\"text\":\"The parcel is two weeks late; 快递太慢了\"}";
    }
}
