package io.cxpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.cli.CxPulse;
import io.cxpulse.config.JobConfig;
import io.cxpulse.job.ExperienceMonitorJob;
import io.cxpulse.job.JobSinks;
import io.cxpulse.job.JobSources;
import io.cxpulse.local.ChildJvm;
import io.cxpulse.local.LocalFlink;
import io.cxpulse.local.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults on real servers, each followed by an exact reconciliation against a fault-free run of the same input
 * ({@link DeterministicInput}) into a database of its own: every event sent is in {@code events} exactly once, every
 * rejected record in {@code ingest_errors}, and {@code metrics_1m} and {@code alerts} hold the very rows the fault-free
 * run wrote. The faults: the job's JVM killed with SIGKILL and restarted from its latest checkpoint, ClickHouse stopped
 * for a minute under load, the Kafka broker restarted under load, and inserts cut off half-way and retried.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionEndToEndTest {

    private static final String BASELINE = "faults_baseline";
    /** Settings under which a fault-free run always ends alike: see {@link DeterministicInput}. */
    private static final String[] FLAGS = {"--parallelism", "2", "--max-out-of-orderness", "10s", "--idle-timeout", "60s",
        "--handle-wait", "1ms", "--sink-max-backoff", "5s"};
    private static final Duration ALL_STORED = Duration.ofSeconds(150);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What each table must hold, on the columns a replay writes alike: processing-time columns (ingested_at,
     * rejected_at, updated_at, processed_at, written_at) and ingest_errors.kafka_timestamp (the send time) are left
     * out. Float sums depend on the order a bucket's events arrive in, so they are compared to 6 decimals.
     */
    private static final Map<String, String> OUTCOME = new LinkedHashMap<>();

    static {
        OUTCOME.put("events", "SELECT event_id, customer_id, customer_source, event_time_ms, late, category, "
                + "source_topic, source_partition, source_offset FROM %s.events FINAL ORDER BY event_id");
        OUTCOME.put("ingest_errors", "SELECT error_id, record_key, reason, field, payload, payload_bytes "
                + "FROM %s.ingest_errors FINAL ORDER BY error_id");
        OUTCOME.put("metrics_1m", "SELECT bucket_start_ms, stream, channel, category, region, part, events, sentiment_count, "
                + "round(sentiment_sum, 6), round(sentiment_mean, 6), negative_count, round(negative_share, 6), "
                + "complaints_opened, complaints_resolved, sla_breaches, wait_count, wait_ms_sum, round(wait_ms_mean, 6), "
                + "active_customers, late_events, alerts_fired, revision FROM %s.metrics_1m FINAL "
                + "ORDER BY bucket_start_ms, stream, channel, category, region, part");
        OUTCOME.put("alerts", "SELECT alert_id, revision, kind, severity, status, scope_type, scope, customer_id, category, "
                + "channel, region, route_team, account_manager, account_manager_email, reason_en, reason_zh, "
                + "evidence_event_ids, figure_names, arrayMap(x -> round(x, 6), figure_values), opened_at_ms, event_time_ms "
                + "FROM %s.alerts FINAL ORDER BY alert_id");
    }

    @TempDir
    static Path dir;

    static LocalStack stack;
    static DeterministicInput input;
    static Map<String, List<String>> baseline;

    @BeforeAll
    static void faultFreeRun() throws Exception {
        input = DeterministicInput.build();
        stack = new LocalStack(dir, BASELINE, FLAGS);
        try (LocalFlink job = startJob(stack.config(BASELINE, FLAGS), 0)) {
            sendProfiles(BASELINE);
            Feeder.start(input.events, Duration.ofSeconds(8)).await();
            awaitAllStored(BASELINE);
            baseline = settledOutcome(BASELINE);
        }
        System.out.printf("fault-free run: %d events, %d rejected records, %d metrics_1m rows, %d alerts "
                + "(%d handle-only mentions left out of the input)%n", baseline.get("events").size(),
                baseline.get("ingest_errors").size(), baseline.get("metrics_1m").size(), baseline.get("alerts").size(),
                input.leftOutHandleMentions);
        // a comparison with nothing in it would prove nothing
        assertThat(baseline.get("metrics_1m").size()).isGreaterThan(50);
        assertThat(baseline.get("alerts")).isNotEmpty();
        assertThat(baseline.get("ingest_errors")).hasSize(input.malformed).isNotEmpty();
    }

    @AfterAll
    static void stopServers() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void jobKilledWithSigkillMidStreamResumesFromItsLatestCheckpoint() throws Exception {
        String db = "faults_kill";
        prepare(db);
        Path state = stateDir(db);
        Path jobDir = dir.resolve(db + "-job");
        Process job = startJobProcess(db, state, jobDir);
        try {
            sendProfiles(db);
            long feedingSince = System.currentTimeMillis();
            Feeder feeder = Feeder.start(input.events, Duration.ofSeconds(20));
            LocalStack.await("a checkpoint taken under load and a third of the events stored", Duration.ofSeconds(90),
                    () -> restorePointSince(state, feedingSince).isPresent() && storedEvents(db) >= input.eventIds.size() / 3);

            job.destroyForcibly();
            assertThat(job.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(job.exitValue()).as("exit status of the killed job's JVM").isEqualTo(128 + 9);
            long storedAtKill = storedEvents(db);
            Path resumeFrom = LocalFlink.newestRestorePoint(state).orElseThrow();
            assertThat(resumeFrom.getFileName().toString()).startsWith("chk-");

            job = startJobProcess(db, state, jobDir);
            feeder.await();
            reconcile(db);
            String log = Files.readString(jobDir.resolve("job.log"), StandardCharsets.UTF_8);
            assertThat(log).contains("restored from " + resumeFrom);
            System.out.printf("kill -9: job killed with %d of %d events stored, restarted from %s%n", storedAtKill,
                    input.eventIds.size(), resumeFrom.getFileName());
            assertThat(storedAtKill).as("killed mid-stream").isLessThan(input.eventIds.size());
        } finally {
            stopJobProcess(job);
        }
    }

    @Test
    @Order(2)
    void clickHouseStoppedForAMinuteUnderLoadBackPressuresAndCatchesUp() throws Exception {
        String db = "faults_clickhouse";
        prepare(db);
        int uiPort = Ports.free();
        try (LocalFlink job = startJob(stack.config(db, FLAGS), uiPort)) {
            sendProfiles(db);
            Feeder feeder = Feeder.start(input.events, Duration.ofSeconds(45));
            Thread.sleep(5_000);
            long storedBefore = storedEvents(db);
            stack.stopClickHouse();
            long stoppedAt = System.nanoTime();
            feeder.await();
            Thread.sleep(Math.max(0, 60_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt)));
            assertThat(job.status()).as("job status with ClickHouse down").isEqualTo(JobStatus.RUNNING);

            stack.startClickHouseAgain();
            long upAt = System.nanoTime();
            awaitAllStored(db);
            double catchUpSeconds = (System.nanoTime() - upAt) / 1e9;
            double outageSeconds = (upAt - stoppedAt) / 1e9;
            System.out.printf("ClickHouse outage: down %.1f s with %d of %d events stored and all input sent meanwhile; "
                    + "every event stored %.1f s after ClickHouse was back%n", outageSeconds, storedBefore,
                    input.eventIds.size(), catchUpSeconds);
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            reconcile(db);
            System.out.println("ClickHouse outage: the job's failures and restarts: " + failures(uiPort, job.jobId()));
        }
    }

    @Test
    @Order(3)
    void kafkaBrokerRestartedUnderLoadLosesNothing() throws Exception {
        String db = "faults_kafka";
        prepare(db);
        int uiPort = Ports.free();
        try (LocalFlink job = startJob(stack.config(db, FLAGS), uiPort)) {
            sendProfiles(db);
            long feedingSince = System.currentTimeMillis();
            Feeder feeder = Feeder.start(input.events, Duration.ofSeconds(25));
            Path state = stateDir(db);
            LocalStack.await("a checkpoint taken under load", Duration.ofSeconds(60),
                    () -> restorePointSince(state, feedingSince).isPresent());
            long restartAt = System.nanoTime();
            stack.restartKafka();
            System.out.printf("Kafka restart: broker down and back in %.1f s%n", (System.nanoTime() - restartAt) / 1e9);
            feeder.await();
            reconcile(db);
            assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
            System.out.println("Kafka restart: the job's failures and restarts: " + failures(uiPort, job.jobId()));
        }
    }

    @Test
    @Order(4)
    void insertsCutOffHalfWayAreRetriedWithoutDuplicates() throws Exception {
        String db = "faults_halfway";
        prepare(db);
        int clickhousePort = URI.create(stack.clickhouse.httpUrl()).getPort();
        int uiPort = Ports.free();
        try (CuttingProxy proxy = new CuttingProxy(clickhousePort, db + ".events", 3, 24 * 1024);
                LocalFlink job = startJob(stack.config(db, concat(FLAGS, "--clickhouse-url", proxy.url())), uiPort)) {
            sendProfiles(db);
            Feeder.start(input.events, Duration.ofSeconds(8)).await();
            reconcile(db);
            assertThat(proxy.cutInserts()).isEqualTo(3);
            assertThat(proxy.inserts()).isGreaterThan(3);
            AtomicReference<Long> retries = new AtomicReference<>(0L);
            LocalStack.await("the job's clickhouseInsertRetries to count the cut inserts", Duration.ofSeconds(30),
                    () -> {
                        retries.set(insertRetries(uiPort, job.jobId()));
                        return retries.get() >= 1;
                    }, () -> "clickhouseInsertRetries = " + retries.get());
            System.out.printf("half-way inserts: %d of %d inserts into %s.events cut after 24 KiB, %d retries%n",
                    proxy.cutInserts(), proxy.inserts(), db, retries.get());
        }
    }

    @Test
    @Order(5)
    void reconcileCommandReportsAMissingEvent() throws Exception {
        // the topics hold the last scenario's input, which is the baseline's
        assertThat(reconcileCommand(BASELINE).exit).isZero();
        String victim = input.eventIds.iterator().next();
        stack.clickhouse.query("ALTER TABLE " + BASELINE + ".events DELETE WHERE event_id = '" + victim + "'");
        LocalStack.await("the deletion of " + victim, Duration.ofSeconds(30),
                () -> stack.count("SELECT count() FROM " + BASELINE + ".events WHERE event_id = '" + victim + "'") == 0);
        Reconciled r = reconcileCommand(BASELINE);
        assertThat(r.exit).isEqualTo(1);
        assertThat(r.output).contains("missing:    1 e.g. " + victim).contains("duplicated: 0").contains("extra:      0")
                .contains("DIFFERENCES found");
    }

    /**
     * The one reconciliation every scenario ends with: the events sent, each once; then the four tables equal to the
     * fault-free run's; then the reconcile command agrees.
     */
    private static void reconcile(String db) throws Exception {
        awaitAllStored(db);
        Set<String> stored = new HashSet<>(List.of(stack.clickhouse.query(
                "SELECT DISTINCT event_id FROM " + db + ".events").trim().split("\n")));
        assertThat(stored).isEqualTo(input.eventIds);
        assertThat(stack.count("SELECT count() FROM " + db + ".events FINAL")).isEqualTo(input.eventIds.size());
        assertThat(stack.count("SELECT uniqExact(event_id) FROM " + db + ".events FINAL")).isEqualTo(input.eventIds.size());

        // the last rows (metrics, alerts) follow the events by a flush or two
        LocalStack.await("the fault-free run's rows in " + db, Duration.ofSeconds(60), () -> outcome(db).equals(baseline),
                () -> differences(outcome(db)));
        String differences = differences(outcome(db));
        assertThat(differences).as("rows that differ from the fault-free run").isEmpty();

        // the dead letters of the last checkpoint interval are committed with the next checkpoint
        Reconciled r = reconcileCommand(db, "--wait", "30s");
        assertThat(r.output).contains("missing:    0").contains("duplicated: 0").contains("extra:      0");
        assertThat(r.exit).as(r.output).isZero();
    }

    private static String differences(Map<String, List<String>> actual) {
        StringBuilder out = new StringBuilder();
        baseline.forEach((table, expected) -> {
            List<String> got = actual.get(table);
            List<String> lost = expected.stream().filter(row -> !got.contains(row)).limit(5).toList();
            List<String> added = got.stream().filter(row -> !expected.contains(row)).limit(5).toList();
            if (!lost.isEmpty() || !added.isEmpty() || got.size() != expected.size()) {
                out.append(table).append(": ").append(got.size()).append(" rows, fault-free ").append(expected.size())
                        .append("\n  only fault-free: ").append(lost).append("\n  only here: ").append(added).append('\n');
            }
        });
        return out.toString();
    }

    private static Map<String, List<String>> outcome(String db) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        OUTCOME.forEach((table, sql) -> {
            String text = stack.clickhouse.query(String.format(sql, db)).trim();
            rows.put(table, text.isEmpty() ? List.of() : List.of(text.split("\n")));
        });
        return rows;
    }

    /** The fault-free run's outcome, once two looks a few seconds apart agree (the last rows follow the events). */
    private static Map<String, List<String>> settledOutcome(String db) throws InterruptedException {
        Map<String, List<String>> last = outcome(db);
        for (int i = 0; i < 30; i++) {
            Thread.sleep(3_000);
            Map<String, List<String>> now = outcome(db);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the fault-free run's rows kept changing for 90 s");
    }

    private static void awaitAllStored(String db) throws InterruptedException {
        LocalStack.await(input.eventIds.size() + " events and " + input.malformed + " rejected records in " + db,
                ALL_STORED,
                () -> storedEvents(db) == input.eventIds.size()
                        && stack.count("SELECT count() FROM " + db + ".ingest_errors FINAL") == input.malformed,
                () -> "events " + storedEvents(db) + ", ingest_errors "
                        + stack.count("SELECT count() FROM " + db + ".ingest_errors FINAL"));
    }

    private static long storedEvents(String db) {
        return stack.count("SELECT count() FROM " + db + ".events FINAL");
    }

    /** Empty topics (offsets from 0 again, as in the fault-free run) and the scenario's own database. */
    private static void prepare(String db) {
        stack.recreateTopics();
        ExperienceMonitorJob.migrate(stack.config(db, FLAGS));
    }

    /**
     * Profiles first, and stored, before any event (see {@link DeterministicInput}), and then a checkpoint: a job that
     * fails over to an earlier one would read profiles and events again side by side.
     */
    private static void sendProfiles(String db) throws InterruptedException {
        stack.sendAll(input.profiles);
        LocalStack.await("the profiles in " + db + ".customers", Duration.ofSeconds(90),
                () -> stack.count("SELECT count() FROM " + db + ".customers FINAL") == input.profiles.size());
        long stored = System.currentTimeMillis();
        LocalStack.await("a checkpoint after the profiles", Duration.ofSeconds(60),
                () -> restorePointSince(stateDir(db), stored).isPresent());
    }

    private static Path stateDir(String db) {
        return dir.resolve(db + "-state");
    }

    private static LocalFlink startJob(JobConfig config, int uiPort) throws Exception {
        Path state = stateDir(config.clickhouseDatabase());
        LocalFlink job = LocalFlink.start(config, JobSources.kafka(config), JobSinks.production(config), state, uiPort);
        job.awaitRunning(Duration.ofSeconds(60));
        return job;
    }

    /** The job as {@code cxpulse run} in a JVM of its own, so that it can be killed as a process. */
    private static Process startJobProcess(String db, Path state, Path jobDir) {
        List<String> args = new ArrayList<>(List.of("run"));
        args.addAll(stack.jobArgs(db, FLAGS));
        args.addAll(List.of("--state-dir", state.toString(), "--flink-ui-port", "0"));
        // the product's logging (our INFO lines, such as where the job resumed from), not a test library's
        List<String> jvm = new ArrayList<>(List.of("-Xmx768m",
                "-Dlog4j2.configurationFile=" + CxPulse.class.getResource("/log4j2.xml")));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens")).forEach(jvm::add);
        return ChildJvm.start(jobDir, "job.log", jvm, CxPulse.class.getName(), args);
    }

    /** SIGTERM: the job stops with a savepoint (the run command's shutdown hook). */
    private static void stopJobProcess(Process job) throws InterruptedException {
        job.destroy();
        if (!job.waitFor(40, TimeUnit.SECONDS)) {
            job.destroyForcibly();
            job.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The newest checkpoint or savepoint completed since {@code sinceMs}. */
    private static Optional<Path> restorePointSince(Path state, long sinceMs) {
        try {
            return LocalFlink.newestRestorePoint(state)
                    .filter(p -> p.resolve("_metadata").toFile().lastModified() >= sinceMs);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /** The job's clickhouseInsertRetries over every sink, from the mini-cluster's REST API. */
    private static long insertRetries(int uiPort, String jobId) {
        try {
            return insertRetriesFromRest(uiPort, jobId);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the job's metrics", e);
        }
    }

    private static long insertRetriesFromRest(int uiPort, String jobId) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + uiPort + "/jobs/" + jobId;
        long sum = 0;
        for (JsonNode vertex : get(http, base).get("vertices")) {
            String metrics = base + "/vertices/" + vertex.get("id").asText() + "/subtasks/metrics";
            List<String> ids = new ArrayList<>();
            get(http, metrics).forEach(m -> {
                if (m.get("id").asText().endsWith("clickhouseInsertRetries")) {
                    ids.add(m.get("id").asText());
                }
            });
            if (!ids.isEmpty()) {
                for (JsonNode m : get(http, metrics + "?agg=sum&get="
                        + URLEncoder.encode(String.join(",", ids), StandardCharsets.UTF_8))) {
                    sum += (long) m.get("sum").asDouble();
                }
            }
        }
        return sum;
    }

    /** The job's exception history (each a failure the job restarted from), one line each, from the REST API. */
    private static List<String> failures(int uiPort, String jobId) throws Exception {
        JsonNode history = get(HttpClient.newHttpClient(), "http://127.0.0.1:" + uiPort + "/jobs/" + jobId + "/exceptions")
                .path("exceptionHistory").path("entries");
        List<String> lines = new ArrayList<>();
        history.forEach(e -> lines.add(e.path("exceptionName").asText() + ": "
                + e.path("stacktrace").asText().lines().findFirst().orElse("").replaceFirst("^[^:]*: ", "")));
        return lines;
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private record Reconciled(int exit, String output) {}

    private static Reconciled reconcileCommand(String db, String... options) {
        List<String> args = new ArrayList<>(List.of("reconcile"));
        args.addAll(stack.jobArgs(db, FLAGS));
        args.addAll(List.of(options));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = CxPulse.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String output = buffer.toString(StandardCharsets.UTF_8);
        System.out.print(output);
        return new Reconciled(exit, output);
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    /** Sends the input in chunks spread over a while, on a thread of its own: load while a fault happens. */
    private static final class Feeder {
        private static final long PAUSE_MS = 200;
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Feeder(List<ProducerRecord<byte[], byte[]>> records, Duration over) {
            int chunk = (int) Math.max(1, records.size() * PAUSE_MS / over.toMillis());
            thread = new Thread(() -> {
                try {
                    for (int from = 0; from < records.size(); from += chunk) {
                        stack.sendAll(records.subList(from, Math.min(records.size(), from + chunk)));
                        Thread.sleep(PAUSE_MS);
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "fault-test-feeder");
            thread.setDaemon(true);
        }

        static Feeder start(List<ProducerRecord<byte[], byte[]>> records, Duration over) {
            Feeder f = new Feeder(records, over);
            f.thread.start();
            return f;
        }

        void await() throws InterruptedException {
            thread.join(TimeUnit.MINUTES.toMillis(5));
            assertThat(thread.isAlive()).as("feeder still sending after 5 minutes").isFalse();
            if (failure.get() != null) {
                throw new AssertionError("sending the input failed", failure.get());
            }
        }
    }
}
