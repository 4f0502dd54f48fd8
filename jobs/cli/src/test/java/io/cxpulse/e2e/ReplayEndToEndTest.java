package io.cxpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.config.JobConfig;
import io.cxpulse.config.JobOptions;
import io.cxpulse.job.ExperienceMonitorJob;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.flink.api.common.JobStatus;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Replaying a time range as docs/platform.md tells operators to, after ClickHouse lost rows: a second job with its own
 * state, consumer group and transactional ids reads the inputs up to a time ({@code --kafka-stop-at}) into a scratch
 * database without notifying anyone ({@code --no-notify}); the lost range of {@code events} is copied back. Afterwards
 * every table reads as before the loss (no duplicates, the same figures, the same alerts), the replay wrote nothing to
 * Kafka, and its events and rejected records are exactly those of the first run. The replay skips what came after
 * its stop time without ending, so it fires no timer ahead of the data it read.
 */
class ReplayEndToEndTest {

    private static final String DB = "replay_e2e";
    private static final String SCRATCH = "replay_scratch";

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

    @Test
    void aLostRangeIsReplayedIntoAScratchDatabaseAndCopiedBackWithoutChangingAnythingElse() throws Exception {
        // an hour ago, 25 minutes of traffic (churners drifting, incidents, retries, malformed records)...
        Instant simulatedFrom = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
        Simulator simulator = new Simulator(new SimulatorSettings(23, 150, 2, 0.01, simulatedFrom.toEpochMilli(),
                20 * 60_000L, 1.0));
        List<ProducerRecord<byte[], byte[]>> before = new ArrayList<>();
        simulator.profiles().forEach(r -> before.add(record(r)));
        int profiles = before.size();
        for (int i = 0; i < 3_000; i++) {
            before.add(record(simulator.next()));
        }
        // ...then, sent after the replay's stop time, events ten minutes ago: what the replay must not read
        List<ProducerRecord<byte[], byte[]>> after = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String customer = String.format("cust-%06d", i + 1);
            after.add(new ProducerRecord<>(Topics.COMPLAINTS, customer.getBytes(StandardCharsets.UTF_8),
                    ExperienceMonitorEndToEndTest.complaint("after-" + i, Instant.now().minus(Duration.ofMinutes(10))
                            .plusSeconds(i).toString(), customer).getBytes(StandardCharsets.UTF_8)));
        }

        LocalFlink job = LocalFlink.start(stack.config, JobSources.kafka(stack.config), JobSinks.production(stack.config),
                dir.resolve("flink"), 0);
        job.awaitRunning(Duration.ofSeconds(60));
        stack.sendAll(before.subList(0, profiles));
        LocalStack.await("the profiles", Duration.ofSeconds(60),
                () -> stack.count("SELECT count() FROM " + DB + ".customers FINAL") == profiles);
        stack.sendAll(before.subList(profiles, before.size()));
        Thread.sleep(50);
        Instant stopAt = Instant.now();
        Thread.sleep(50);
        stack.sendAll(after);
        awaitSettled(DB);
        job.stop(Duration.ofSeconds(30));
        Snapshot original = Snapshot.of(DB);
        assertThat(original.events).hasSizeGreaterThan(2_500); // the simulator's retries and malformed ones are fewer
        assertThat(original.ingestErrors).isNotEmpty();
        assertThat(original.alerts).isNotEmpty();

        // ClickHouse loses five minutes of events
        String lost = "event_time >= toDateTime(" + simulatedFrom.plus(Duration.ofMinutes(5)).getEpochSecond()
                + ") AND event_time < toDateTime(" + simulatedFrom.plus(Duration.ofMinutes(10)).getEpochSecond() + ")";
        long lostRows = stack.count("SELECT count() FROM " + DB + ".events FINAL WHERE " + lost);
        assertThat(lostRows).isPositive();
        stack.clickhouse.query("ALTER TABLE " + DB + ".events DELETE WHERE " + lost);
        LocalStack.await("the rows gone", Duration.ofSeconds(30),
                () -> stack.count("SELECT count() FROM " + DB + ".events WHERE " + lost) == 0);
        Map<String, Long> kafkaOutputs = outputEndOffsets();

        // the replay: its own state, group and transactional ids, a scratch database, nobody notified
        JobConfig replay = config("--clickhouse-database", SCRATCH, "--kafka-start-from", "earliest",
                "--kafka-stop-at", stopAt.toString(), "--no-notify", "--kafka-group-id", "cxpulse-replay",
                "--transactional-id-prefix", "cxpulse-" + DB + "-replay");
        ExperienceMonitorJob.migrate(replay);
        int inRange = original.events.size() - after.size();
        try (LocalFlink replaying = LocalFlink.start(replay, JobSources.kafka(replay), JobSinks.production(replay),
                dir.resolve("flink-replay"), 0)) {
            assertThat(replaying.restoredFrom()).isNull();
            replaying.awaitRunning(Duration.ofSeconds(60));
            LocalStack.await("the replay wrote the " + inRange + " events before " + stopAt, Duration.ofSeconds(60),
                    () -> stack.count("SELECT count() FROM " + SCRATCH + ".events FINAL") == inRange);
            awaitSettled(SCRATCH);
            // it skips the rest, it has not ended: ending would move event time to the end and fire every timer early
            assertThat(replaying.status()).isEqualTo(JobStatus.RUNNING);
            replaying.stop(Duration.ofSeconds(30));
        }
        Snapshot scratch = Snapshot.of(SCRATCH);
        assertSameRows(SCRATCH + ".events", scratch.events,
                original.events.stream().filter(r -> !r.startsWith("after-")).toList());
        assertSameRows(SCRATCH + ".ingest_errors", scratch.ingestErrors, original.ingestErrors);
        assertThat(outputEndOffsets()).as("Kafka outputs after a --no-notify replay").isEqualTo(kafkaOutputs);

        // the lost range copied back: every table reads as before the loss
        stack.clickhouse.query("INSERT INTO " + DB + ".events SELECT * FROM " + SCRATCH + ".events FINAL WHERE " + lost);
        Snapshot restored = Snapshot.of(DB);
        assertSameRows("events", restored.events, original.events);
        assertSameRows("ingest_errors", restored.ingestErrors, original.ingestErrors);
        assertSameRows("metrics_1m", restored.metrics, original.metrics);
        assertSameRows("customer_scores", restored.scores, original.scores);
        assertSameRows("alerts", restored.alerts, original.alerts);
        assertThat(stack.count("SELECT count() FROM " + DB + ".events WHERE " + lost)).isEqualTo(lostRows);
        assertThat(stack.count("SELECT count() FROM " + DB + ".events FINAL"))
                .isEqualTo(stack.count("SELECT uniqExact(event_id) FROM " + DB + ".events"));
    }

    /** The end offset of every partition of the job's Kafka outputs: any write, even an aborted one, moves it. */
    private static Map<String, Long> outputEndOffsets() {
        Properties p = new Properties();
        p.put("bootstrap.servers", stack.kafka.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : Topics.OUTPUT_TOPICS) {
                consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            Map<String, Long> ends = new TreeMap<>();
            consumer.endOffsets(partitions).forEach((tp, offset) -> ends.put(tp.toString(), offset));
            return ends;
        }
    }

    /** Names the rows that differ, rather than printing thousands that do not. */
    private static void assertSameRows(String table, List<String> replayed, List<String> original) {
        List<String> added = new ArrayList<>(replayed);
        added.removeAll(original);
        List<String> lost = new ArrayList<>(original);
        lost.removeAll(replayed);
        assertThat(added).as("%s rows the replay added or changed (it lost or changed %s)", table, lost).isEmpty();
        assertThat(lost).as("%s rows the replay lost", table).isEmpty();
        assertThat(replayed).as("%s", table).hasSameSizeAs(original);
    }

    /**
     * Waits until the tables stop changing for longer than the idle timeout and a checkpoint (minutes are emitted once
     * the sources are idle); returns the rejected records.
     */
    private static void awaitSettled(String db) throws InterruptedException {
        String[] last = {""};
        long[] since = {System.nanoTime()};
        LocalStack.await("the tables settled", Duration.ofSeconds(120), () -> {
            String now = stack.clickhouse.query("SELECT concat(toString(count()), '/', toString((SELECT count() FROM " + db
                    + ".ingest_errors)), '/', toString((SELECT count() FROM " + db + ".metrics_1m)), '/', "
                    + "toString((SELECT count() FROM " + db + ".alerts)), '/', toString((SELECT count() FROM " + db
                    + ".customer_scores))) FROM " + db + ".events").trim();
            if (!now.equals(last[0])) {
                last[0] = now;
                since[0] = System.nanoTime();
            }
            return !now.startsWith("0/") && System.nanoTime() - since[0] > Duration.ofSeconds(6).toNanos();
        });
    }

    private static JobConfig config(String... flags) {
        List<String> all = new ArrayList<>(List.of(
                "--kafka-bootstrap-servers", stack.kafka.bootstrapServers(),
                "--clickhouse-url", stack.clickhouse.httpUrl(),
                "--parallelism", "2",
                "--checkpoint-interval", "2s",
                "--sink-flush-interval", "300ms",
                "--max-out-of-orderness", "5s",
                "--idle-timeout", "3s",
                "--handle-wait", "2s"));
        all.addAll(List.of(flags));
        return CommandLine.populateCommand(new JobOptions(), all.toArray(String[]::new)).toConfig(Map.of());
    }

    private static ProducerRecord<byte[], byte[]> record(SimulatedRecord r) {
        return new ProducerRecord<>(r.topic(), r.keyBytes(), r.value());
    }

    /** What users read from the tables, merged (FINAL), in a stable order. */
    private record Snapshot(List<String> events, List<String> ingestErrors, List<String> metrics, List<String> scores,
            List<String> alerts) {

        static Snapshot of(String db) {
            return new Snapshot(
                    rows("SELECT event_id, customer_id, event_type, kind, toString(sentiment), category, customer_source "
                            + "FROM " + db + ".events FINAL ORDER BY event_id"),
                    rows("SELECT source_topic, source_partition, source_offset, reason FROM " + db
                            + ".ingest_errors FINAL ORDER BY source_topic, source_partition, source_offset"),
                    rows("SELECT bucket_start_ms, stream, channel, category, region, part, events, sentiment_count, "
                            + "round(sentiment_sum, 6), negative_count, complaints_opened, complaints_resolved, sla_breaches, "
                            + "wait_count, wait_ms_sum, active_customers, late_events, alerts_fired FROM " + db
                            + ".metrics_1m FINAL ORDER BY bucket_start_ms, stream, channel, category, region, part"),
                    rows("SELECT customer_id, trigger, round(churn_risk, 6) FROM " + db
                            + ".customer_scores FINAL ORDER BY customer_id, trigger"),
                    rows("SELECT alert_id, kind, status, revision, severity, scope, account_manager, opened_at_ms, reason_en "
                            + "FROM " + db + ".alerts FINAL ORDER BY alert_id"));
        }

        private static List<String> rows(String sql) {
            String out = stack.clickhouse.query(sql + " FORMAT TabSeparated").strip();
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        }
    }
}
