package io.cxpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.cli.CxPulse;
import io.cxpulse.job.JobSinks;
import io.cxpulse.job.JobSources;
import io.cxpulse.local.LocalFlink;
import io.cxpulse.model.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code forget --customer} on real servers (Kafka broker, ClickHouse, Flink mini-cluster with RocksDB): a customer
 * with events, a mention attributed by her handle, a rejected record, scores and an alert is erased from every table
 * while another customer's rows stay untouched; a hostile id deletes nothing; and her next event starts from empty
 * state (a first score, no complaints, no profile), while a mention by her old handle is no longer attributed to her.
 */
class ForgetEndToEndTest {

    private static final String DB = "forget_e2e";
    private static final String GONE = "cust-gone";
    private static final String STAY = "cust-stay";
    /**
     * Minutes ago, so that no timer of the rules (a day or more) falls due when a tombstone, stamped now, moves the
     * profiles' watermark on: the rows compared before and after each forget change only by what forget does.
     */
    private static final Instant T0 = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MINUTES);

    @TempDir
    Path dir;

    private LocalStack stack;
    private int seq;

    @Test
    void forgetRemovesTheCustomersRowsEverywhereAndTheJobForgetsHerState() throws Exception {
        try (LocalStack s = new LocalStack(dir, DB)) {
            stack = s;
            List<ProducerRecord<byte[], byte[]>> profiles = List.of(profile(GONE, "GoneFan"), profile(STAY, "StayFan"));
            stack.sendAll(profiles);
            try (LocalFlink job = LocalFlink.start(stack.config, JobSources.kafka(stack.config),
                    JobSinks.production(stack.config), dir.resolve("flink"), 0)) {
                job.awaitRunning(Duration.ofSeconds(60));
                LocalStack.await("the profiles", Duration.ofSeconds(30),
                        () -> stack.count("SELECT count() FROM " + DB + ".customers FINAL") == 2);
                List<ProducerRecord<byte[], byte[]>> story = new ArrayList<>();
                for (String c : List.of(GONE, STAY)) {
                    story.add(record(Topics.CLICKS, c, "{\"event_id\":\"" + id() + "\",\"event_time\":\"" + T0
                            + "\",\"customer_id\":\"" + c + "\",\"session_id\":\"s1\",\"page\":\"/home\",\"action\":\"view\"}"));
                    story.add(record(Topics.COMPLAINTS, c, "{\"event_id\":\"" + id() + "\",\"event_time\":\"" + T0.plusSeconds(60)
                            + "\",\"customer_id\":\"" + c + "\",\"complaint_id\":\"k-" + c + "\",\"channel\":\"phone\","
                            + "\"status\":\"opened\",\"category\":\"billing_refund\","
                            + "\"text\":\"This is the worst service ever, terrible, I hate it, awful\"}"));
                    story.add(mention(c.equals(GONE) ? "@gonefan" : "@stayfan", T0.plusSeconds(120)));
                    story.add(record(Topics.COMPLAINTS, c, "{\"event_id\":\"" + id() + "\",\"customer_id\":\"" + c
                            + "\",\"status\":\"opened\"}")); // no event_time: rejected
                }
                stack.sendAll(story);
                LocalStack.await("events, scores, alerts and rejections of both", Duration.ofSeconds(60),
                        () -> stack.count("SELECT count() FROM " + DB + ".events FINAL") == 6
                                && stack.count("SELECT uniqExact(customer_id) FROM " + DB + ".customer_scores_latest") == 2
                                && stack.count("SELECT uniqExact(customer_id) FROM " + DB + ".alerts WHERE customer_id != ''") == 2
                                && stack.count("SELECT count() FROM " + DB + ".ingest_errors") == 2);
                assertThat(stack.count("SELECT count() FROM " + DB + ".events WHERE customer_source = 'handle' "
                        + "AND customer_id = '" + GONE + "'")).as("her mention, attributed by her handle").isEqualTo(1);
                settle();
                Map<String, Long> hers = rowsOf(GONE);
                Map<String, Long> others = rowsOf(STAY);
                assertThat(hers.values()).allMatch(n -> n > 0);

                String hostile = "x' OR '1'='1";
                assertThat(forget(hostile)).contains(DB + ".events: 0 rows removed");
                assertThat(rowsOf(GONE)).as("a hostile id deletes nothing").isEqualTo(hers);
                assertThat(rowsOf(STAY)).isEqualTo(others);

                String printed = forget(GONE);
                assertThat(printed).contains(Topics.CUSTOMERS + ": tombstone at partition", "has taken it in",
                        DB + ".events: " + hers.get("events") + " rows removed",
                        DB + ".ingest_errors: " + hers.get("ingest_errors") + " rows removed");
                assertThat(rowsOf(GONE)).as("every table, FINAL or not").allSatisfy((table, n) -> assertThat(n).as(table).isZero());
                assertThat(rowsOf(STAY)).as("the other customer's rows").isEqualTo(others);
                assertThat(stack.count("SELECT count() FROM " + DB + ".ingest_errors WHERE source_topic = '"
                        + Topics.CUSTOMERS + "'")).as("the tombstone is no rejected record").isZero();

                // she comes back: the job has no memory of her, and her old handle no longer names her
                stack.sendAll(List.of(record(Topics.CLICKS, GONE, "{\"event_id\":\"" + id() + "\",\"event_time\":\""
                        + T0.plusSeconds(600) + "\",\"customer_id\":\"" + GONE + "\",\"session_id\":\"s2\",\"page\":\"/home\","
                        + "\"action\":\"view\"}"), mention("@gonefan", T0.plusSeconds(660))));
                LocalStack.await("her new click scored, the mention stored", Duration.ofSeconds(30),
                        () -> stack.count("SELECT count() FROM " + DB + ".customer_scores WHERE customer_id = '" + GONE + "'") == 1
                                && stack.count("SELECT count() FROM " + DB + ".events WHERE author_handle = '@gonefan'") == 1);
                assertThat(stack.clickhouse.query("SELECT concat(toString(score_seq), '|', toString(open_complaints), '|', "
                        + "account_manager, '|', trigger_type) FROM " + DB + ".customer_scores WHERE customer_id = '" + GONE + "'")
                        .trim()).as("a first score from empty state: no complaint, no profile").isEqualTo("1|0||event:click");
                assertThat(stack.clickhouse.query("SELECT concat(customer_id, '|', customer_source) FROM " + DB
                        + ".events WHERE author_handle = '@gonefan'").trim()).isEqualTo("|");
                assertThat(stack.count("SELECT count() FROM " + DB + ".alerts WHERE customer_id = '" + GONE + "'")).isZero();

                // reconcile leaves the erased customers' records out (her click, complaint, mention by handle and
                // rejected record before, her click and the mention by her old handle after) and finds the rest exact
                String reconciled = run("reconcile", "--wait", "30s");
                assertThat(reconciled).contains("erased:     6 records of 2 customers erased by forget",
                        "OK: every event exactly once");
            }
        }
    }

    /** Her rows in each table, as the raw parts hold them (no FINAL: a merge must not be what hides a row). */
    private Map<String, Long> rowsOf(String customer) {
        String id = "'" + customer + "'";
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : List.of("customers", "customer_scores", "customer_scores_latest", "alerts")) {
            rows.put(table, stack.count("SELECT count() FROM " + DB + "." + table + " WHERE customer_id = " + id));
        }
        rows.put("events", stack.count("SELECT count() FROM " + DB + ".events WHERE customer_id = " + id));
        rows.put("ingest_errors", stack.count("SELECT count() FROM " + DB + ".ingest_errors WHERE record_key = " + id));
        return rows;
    }

    /** Returns once two reads of both customers' rows a checkpoint apart agree: alert revisions may be on their way. */
    private void settle() throws InterruptedException {
        List<Map<String, Long>> before = List.of(rowsOf(GONE), rowsOf(STAY));
        for (int i = 0; i < 8; i++) {
            Thread.sleep(2_500); // the job's checkpoint interval is 2 s: rows in flight land by then
            List<Map<String, Long>> now = List.of(rowsOf(GONE), rowsOf(STAY));
            if (now.equals(before)) {
                return;
            }
            before = now;
        }
        throw new AssertionError("the rows did not settle: " + before);
    }

    private String forget(String customer) {
        return run("forget", "--customer", customer, "--wait-timeout", "40s");
    }

    /** A command of ours against this stack; what it printed, once it exited 0. */
    private String run(String... command) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int code;
        try {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--kafka-bootstrap-servers", stack.kafka.bootstrapServers(), "--clickhouse-url",
                    stack.clickhouse.httpUrl(), "--clickhouse-database", DB));
            code = CxPulse.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        assertThat(code).as(printed).isZero();
        return printed;
    }

    private String id() {
        return "forget-e2e-" + (++seq);
    }

    private ProducerRecord<byte[], byte[]> mention(String handle, Instant time) {
        return new ProducerRecord<>(Topics.SOCIAL_MENTIONS, null, ("{\"event_id\":\"" + id() + "\",\"event_time\":\"" + time
                + "\",\"platform\":\"weibo\",\"author_handle\":\"" + handle + "\",\"author_followers\":120,"
                + "\"text\":\"Terrible service, awful\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static ProducerRecord<byte[], byte[]> profile(String customer, String handle) {
        return record(Topics.CUSTOMERS, customer, "{\"customer_id\":\"" + customer + "\",\"updated_at\":\""
                + T0.minusSeconds(3600) + "\",\"tier\":\"vip\",\"region\":\"east\",\"account_manager\":\"Zhou Min\","
                + "\"account_manager_email\":\"zhou.min@example.com\",\"handles\":{\"weibo\":\"@" + handle + "\"}}");
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String customer, String json) {
        return new ProducerRecord<>(topic, customer.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
    }
}
