package io.cxpulse.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.cli.Latencies;
import io.cxpulse.config.Durations;
import io.cxpulse.config.JobConfig;
import io.cxpulse.ingest.RecordDecoder;
import io.cxpulse.job.ExperienceMonitorJob;
import io.cxpulse.job.JobSinks;
import io.cxpulse.job.JobSources;
import io.cxpulse.local.LocalFlink;
import io.cxpulse.local.Ports;
import io.cxpulse.sink.clickhouse.ClickHouseSettings;
import io.cxpulse.simulator.SimulatorSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cxpulse bench}: the pipeline's throughput against its ceiling, in one run on the local stack (real Kafka and
 * ClickHouse, Flink mini-cluster with RocksDB and checkpoints). Preloads simulator events, then measures in turn
 * ClickHouse's own insert rate for their rows, a pass-through job, the full job from the beginning of the topics,
 * and event-to-alert latency of live traffic on the still-running full job; prints the figures next to the targets.
 * Progress goes to stderr, the report to stdout (and {@code --json}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark the pipeline end to end on a local Kafka, ClickHouse and Flink mini-cluster: "
                + "throughput against a pass-through job and ClickHouse's insert rate, alert latency, checkpoints, "
                + "state size and heap.")
public final class BenchCommand implements Callable<Integer> {

    static final String PASS_THROUGH_DB = "bench_pass_through";
    static final String FULL_DB = "bench_full";
    static final String WARMUP_DB = "bench_warmup";
    static final String INSERT_TABLE = PASS_THROUGH_DB + ".events_insert_ceiling";

    /** Targets of issue 7 on a 2-core machine. */
    static final double TARGET_PASS_THROUGH_RATIO = 0.6;
    static final double TARGET_EVENTS_PER_SECOND = 50_000;
    static final long TARGET_ALERT_P99_MS = 1_000;
    static final double MAX_AUTO_RATE = 20_000;
    /** Event-time spacing of the preloaded history: the events fall in the minutes before the run. */
    private static final double PRELOAD_EVENT_TIME_RATE = 1_000;

    @Option(names = "--events", defaultValue = "500000", paramLabel = "N", description = "Events to preload. Default: ${DEFAULT-VALUE}.")
    long events;

    @Option(names = "--customers", defaultValue = "10000", paramLabel = "N", description = "Simulated customers. Default: ${DEFAULT-VALUE}.")
    int customers;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S",
            description = "Offered rate of the latency phase. Default: half the full job's sustained rate, at most 20000.")
    Double rate;

    @Option(names = "--latency-seconds", defaultValue = "60", paramLabel = "SECONDS",
            description = "How long live traffic runs for the latency phase. Default: ${DEFAULT-VALUE}.")
    int latencySeconds;

    @Option(names = "--sink-batch-rows", defaultValue = "5000", paramLabel = "ROWS",
            description = "ClickHouse batch size, of the sinks and of the insert ceiling. Default: ${DEFAULT-VALUE}.")
    int sinkBatchRows;

    @Option(names = "--sink-flush-interval", defaultValue = "2s", converter = Durations.class, paramLabel = "DURATION",
            description = "Longest a row waits in a ClickHouse batch, as the job's flag. Default: ${DEFAULT-VALUE}.")
    Duration sinkFlushInterval;

    @Option(names = "--parallelism", paramLabel = "N", description = "Flink parallelism and input partitions. Default: the number of cores.")
    Integer parallelism;

    @Option(names = "--checkpoint-interval", defaultValue = "10s", converter = Durations.class, paramLabel = "DURATION",
            description = "Checkpoint interval of both jobs. Default: ${DEFAULT-VALUE}.")
    Duration checkpointInterval;

    @Option(names = "--handle-wait", defaultValue = "2s", converter = Durations.class, paramLabel = "DURATION",
            description = "How long the full job holds a mention whose author is unknown (the product's default is 1m: "
                    + "the last ones would land that late). Default: ${DEFAULT-VALUE}.")
    Duration handleWait;

    @Option(names = "--warmup-seconds", defaultValue = "30", paramLabel = "SECONDS",
            description = "How long the full job runs over the preloaded events, into a database of its own, before "
                    + "anything is measured, so that both jobs are measured with the JIT compiler's work done (0: no "
                    + "warm-up). Default: ${DEFAULT-VALUE}.")
    int warmupSeconds;

    @Option(names = "--seed", defaultValue = "7", paramLabel = "N", description = "Simulator seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where Kafka, ClickHouse and checkpoints keep their data; must be empty or absent. "
                    + "Default: a temporary directory, deleted afterwards.")
    Path dataDir;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON to FILE.")
    Path jsonFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream progress = System.err;
    private final long started = System.nanoTime();

    @Override
    public Integer call() throws Exception {
        validate();
        int p = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("cxpulse-bench") : dataDir;
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        try (HeapSampler heap = new HeapSampler()) {
            report.set("machine", machine());
            report.set("configuration", configuration(p));
            run(dir, p, report);
            ObjectNode h = report.putObject("heap");
            h.put("peak_sampled_mb", mb(heap.sampledPeakBytes()));
            h.put("peak_pools_mb", mb(heap.poolPeakBytes()));
            h.put("max_mb", mb(heap.maxHeapBytes()));
            h.put("note", "this JVM: mini-cluster and benchmark clients; Kafka and ClickHouse run as child processes");
        } finally {
            if (temporary) {
                deleteRecursively(dir);
            }
        }
        report.set("targets", targets(report));
        PrintWriter out = spec.commandLine().getOut();
        out.print(ReportText.render(report));
        out.flush();
        if (jsonFile != null) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), report);
        }
        return 0;
    }

    private void validate() throws IOException {
        if (events < 1) {
            throw new IllegalArgumentException("--events must be ≥ 1, got " + events);
        }
        if (customers < 1) {
            throw new IllegalArgumentException("--customers must be ≥ 1, got " + customers);
        }
        if (rate != null && !(rate > 0 && rate <= 1_000_000)) {
            throw new IllegalArgumentException("--rate must be in (0, 1000000] events/s, got " + rate);
        }
        if (latencySeconds < 1) {
            throw new IllegalArgumentException("--latency-seconds must be ≥ 1, got " + latencySeconds);
        }
        if (warmupSeconds < 0) {
            throw new IllegalArgumentException("--warmup-seconds must be ≥ 0, got " + warmupSeconds);
        }
        if (sinkBatchRows < 1) {
            throw new IllegalArgumentException("--sink-batch-rows must be ≥ 1, got " + sinkBatchRows);
        }
        if (parallelism != null && parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be ≥ 1, got " + parallelism);
        }
        if (checkpointInterval.toMillis() < 100) {
            throw new IllegalArgumentException("--checkpoint-interval must be at least 100ms, got " + checkpointInterval);
        }
        if (dataDir != null && Files.exists(dataDir)) {
            try (Stream<Path> entries = Files.list(dataDir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("--data-dir must be empty or absent: " + dataDir.toAbsolutePath());
                }
            }
        }
    }

    private void run(Path dir, int p, ObjectNode report) throws Exception {
        step("starting Kafka and ClickHouse under " + dir);
        try (BenchStack stack = BenchStack.start(dir, p); WebhookReceiver webhook = WebhookReceiver.start()) {
            List<String> flags = jobFlags(p);
            // the full job posts its alerts to a local chat webhook, as it would to the account managers' chat
            List<String> fullFlags = new ArrayList<>(flags);
            fullFlags.addAll(List.of("--webhook-config", webhook.writeConfig(dir).toString()));
            JobConfig passConfig = stack.config(PASS_THROUGH_DB, flags);
            JobConfig fullConfig = stack.config(FULL_DB, fullFlags);
            RecordDecoder decoder = new RecordDecoder(fullConfig.maxRecordBytes(), fullConfig.maxFutureSkew().toMillis());
            long historyMs = (long) (events / PRELOAD_EVENT_TIME_RATE * 1000);
            SimulatorSettings history = SimulatorSettings.of(seed, customers, PRELOAD_EVENT_TIME_RATE,
                    System.currentTimeMillis() - historyMs - 60_000);

            step("preloading " + customers + " profiles and " + events + " events");
            Preload preload = Preload.send(stack.kafka.bootstrapServers(), history, events, decoder, progress);
            ObjectNode pre = report.putObject("preload");
            pre.put("profiles", preload.profiles());
            pre.put("records", preload.records());
            pre.put("malformed_or_rejected", preload.malformed());
            pre.put("distinct_accepted_events", preload.expectedEvents());
            pre.put("seconds", round(preload.seconds(), 1));

            if (warmupSeconds > 0) {
                step("warm-up: the full job for " + warmupSeconds + " s (not measured)");
                warmUp(stack, fullFlags, dir);
            }

            step("ClickHouse insert ceiling: " + preload.records() + " records' rows in batches of " + sinkBatchRows);
            stack.clickhouse.query("CREATE TABLE " + INSERT_TABLE + " AS " + PASS_THROUGH_DB + ".events");
            InsertCeiling insert = InsertCeiling.measure(ClickHouseSettings.from(passConfig), INSERT_TABLE, history,
                    events, decoder, p);
            ObjectNode ins = report.putObject("clickhouse_insert");
            ins.put("rows", insert.rows());
            ins.put("batches", insert.batches());
            ins.put("concurrent_inserts", p);
            ins.put("mb", round(insert.bytes() / 1e6, 1));
            ins.put("seconds", round(insert.seconds(), 2));
            ins.put("rows_per_s", Math.round(insert.rowsPerSecond()));

            CpuMeter cpu = new CpuMeter(stack.kafka.pid(), stack.clickhouse.pid());
            step("pass-through job (source, decoding, events sink)");
            Landing pass;
            CpuMeter.Reading passStart = cpu.read();
            try (LocalFlink job = LocalFlink.start(passConfig, dir.resolve("flink-pass-through"), 0, false,
                    PassThroughJob.JOB_NAME, PassThroughJob::build)) {
                job.awaitRunning(Duration.ofMinutes(2));
                pass = Landing.await("pass-through", preload.expectedEvents(), () -> stack.rows(PASS_THROUGH_DB),
                        landingTimeout(), progress);
            }
            ObjectNode passSection = landingSection(pass, preload.expectedEvents());
            passSection.put("distinct_event_ids_stored", stack.distinctEvents(PASS_THROUGH_DB));
            passSection.set("cpu", CpuMeter.between(passStart, cpu.read(), preload.records()));
            report.set("pass_through", passSection);
            // its parts (and the insert ceiling's) would otherwise be merged while the full job runs, on its CPU
            stack.clickhouse.query("DROP DATABASE IF EXISTS " + PASS_THROUGH_DB);

            step("full job from the beginning of the topics");
            int restPort = Ports.free();
            ThreadCpu threadCpu = new ThreadCpu();
            Map<Long, Long> threadsAtStart = threadCpu.read();
            CpuMeter.Reading fullStart = cpu.read();
            try (LocalFlink job = LocalFlink.start(fullConfig, JobSources.kafka(fullConfig), JobSinks.production(fullConfig),
                    dir.resolve("flink-full"), restPort, false)) {
                job.awaitRunning(Duration.ofMinutes(2));
                FlinkRest rest = new FlinkRest(restPort, job.jobId());
                Stages stages = new Stages(rest);
                Landing full = Landing.await("full job", preload.expectedEvents(), () -> stack.rows(FULL_DB),
                        landingTimeout(), progress);
                CpuMeter.Reading fullEnd = cpu.read();
                Map<Long, Long> threadsAtEnd = threadCpu.read();
                stages.awaitFreshMetrics();
                ObjectNode f = landingSection(full, preload.expectedEvents());
                f.put("distinct_event_ids_stored", stack.distinctEvents(FULL_DB));
                f.set("cpu", CpuMeter.between(fullStart, fullEnd, preload.records()));
                f.set("cpu_by_thread", threadCpu.between(threadsAtStart, threadsAtEnd, preload.records()));
                long scoresStart = System.nanoTime();
                long scores = settledCount(stack, "SELECT count() FROM " + FULL_DB + ".customer_scores");
                f.put("customer_scores_rows", scores);
                f.put("customer_scores_settled_after_events_s", round((System.nanoTime() - scoresStart) / 1e9, 1));
                f.set("stages", stages.report());
                report.set("full_job", f);

                double offered = rate != null ? rate : Math.max(1, Math.min(MAX_AUTO_RATE, full.sustainedRate() / 2));
                step(String.format("alert latency: live traffic at %.0f events/s for %d s", offered, latencySeconds));
                SimulatorSettings live = SimulatorSettings.of(seed + 1, customers, offered, System.currentTimeMillis());
                AlertLatency latency = AlertLatency.measure(stack.kafka.bootstrapServers(), live,
                        Duration.ofSeconds(latencySeconds), checkpointInterval.plusSeconds(2), webhook, progress);
                report.set("alert_latency", latencySection(latency));
                report.set("checkpoints", checkpointSection(rest));
            }
        }
    }

    /**
     * The full job over the preloaded events for {@code --warmup-seconds}, into a database of its own that is dropped
     * afterwards. A fresh JVM spends the first tens of seconds compiling (in one run measured: 10 CPU-s of the full
     * job's 43 in the JIT compiler), which is not what the pipeline costs once it runs.
     */
    private void warmUp(BenchStack stack, List<String> flags, Path dir) throws Exception {
        JobConfig warmConfig = stack.config(WARMUP_DB, flags);
        try (LocalFlink job = LocalFlink.start(warmConfig, JobSources.kafka(warmConfig), JobSinks.production(warmConfig),
                dir.resolve("flink-warmup"), 0, false)) {
            job.awaitRunning(Duration.ofMinutes(2));
            Thread.sleep(warmupSeconds * 1000L);
            // stopped with a savepoint, not cancelled: a cancelled job leaves its Kafka transactions open, and an open
            // transaction hides everything after it in cx.alerts from read_committed readers until it times out
            job.stop(Duration.ofMinutes(1));
        }
        stack.clickhouse.query("DROP DATABASE IF EXISTS " + WARMUP_DB);
    }

    /** The product's settings but for the benchmark's parallelism, checkpoint interval, batch size and handle wait. */
    private List<String> jobFlags(int p) {
        return List.of(
                "--parallelism", Integer.toString(p),
                "--checkpoint-interval", checkpointInterval.toMillis() + "ms",
                "--sink-batch-rows", Integer.toString(sinkBatchRows),
                "--sink-flush-interval", sinkFlushInterval.toMillis() + "ms",
                "--handle-wait", handleWait.toMillis() + "ms");
    }

    private Duration landingTimeout() {
        return Duration.ofSeconds(120 + events / 200);
    }

    /** Polls a count until it is positive and has not changed for 3 s (the sinks flush every 2 s), at most a minute. */
    private static long settledCount(BenchStack stack, String sql) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        long last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long n = stack.count(sql);
            if (n != last) {
                last = n;
                stableSince = System.nanoTime();
            } else if (n > 0 && System.nanoTime() - stableSince > 3_000_000_000L) {
                return n;
            }
            Thread.sleep(500);
        }
        return last;
    }

    private static ObjectNode landingSection(Landing landing, long expected) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("events", expected);
        s.put("first_to_last_row_s", round(landing.firstToLastSeconds(), 2));
        s.put("events_per_s_first_to_last", Math.round(landing.firstToLastRate()));
        s.put("events_per_s_sustained", Math.round(landing.sustainedRate()));
        s.put("sustained_means", "between 5% and 95% of the rows landing in events (polled as count(), twice a second:"
                + " a distinct count over the growing table would cost ClickHouse more than the inserts)");
        return s;
    }

    private static ObjectNode latencySection(AlertLatency l) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("offered_events_per_s", Math.round(l.rate()));
        s.put("seconds", l.seconds());
        s.put("events_sent", l.eventsSent());
        s.put("alert_records_read", l.alertsRead());
        s.put("webhook_posts", l.webhookPosts());
        s.put("clock", "from the moment the alert's trigger (evidence_event_ids[0]) was handed to the Kafka producer, "
                + "for alert openings triggered by a live event");
        ObjectNode since = s.putObject("since_trigger_sent_ms");
        for (String path : List.of(AlertLatency.DECIDED, AlertLatency.WEBHOOK, AlertLatency.CX_ALERTS)) {
            ObjectNode p = since.putObject(path);
            Latencies all = l.sinceSent().getOrDefault(path, new Latencies());
            p.put("n", all.count());
            percentiles(p, all);
            ObjectNode byKind = p.putObject("by_kind");
            l.sinceSentByKind().getOrDefault(path, Map.of()).forEach((kind, latencies) -> {
                ObjectNode k = byKind.putObject(kind);
                k.put("n", latencies.count());
                percentiles(k, latencies);
            });
        }
        since.put("paths", "decided: the job's processed_at; webhook: posted to the local chat webhook (at least once, "
                + "as soon as decided); cx_alerts: read there read_committed (exactly once: visible when the "
                + "checkpoint covering the alert completes)");
        ObjectNode eventTime = s.putObject("since_event_time_ms");
        l.sinceEventTime().forEach((path, latencies) -> {
            ObjectNode p = eventTime.putObject(path);
            p.put("n", latencies.count());
            percentiles(p, latencies);
        });
        eventTime.put("note", "every opening of the live phase, from its event_time: includes the up to 5 s by which "
                + "the simulator stamps 3 % of its events in the past (late on purpose), and alerts raised by timers");
        return s;
    }

    private static void percentiles(ObjectNode s, Latencies l) {
        s.put("p50", l.percentile(0.5));
        s.put("p90", l.percentile(0.9));
        s.put("p99", l.percentile(0.99));
        s.put("max", l.percentile(1.0));
    }

    private ObjectNode checkpointSection(FlinkRest rest) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        try {
            JsonNode cp = rest.checkpoints();
            JsonNode latest = cp.path("latest").path("completed");
            s.put("completed", cp.path("counts").path("completed").asLong());
            s.put("failed", cp.path("counts").path("failed").asLong());
            JsonNode failed = cp.path("latest").path("failed");
            if (failed.hasNonNull("failure_message")) {
                String why = failed.get("failure_message").asText();
                s.put("latest_failure", why.length() > 200 ? why.substring(0, 200) + "…" : why);
            }
            if (latest.isMissingNode() || latest.isNull()) {
                s.put("latest", "none completed");
                return s;
            }
            long stateSize = latest.path("state_size").asLong();
            s.put("latest_id", latest.path("id").asLong());
            s.put("latest_duration_ms", latest.path("end_to_end_duration").asLong());
            s.put("max_duration_ms", cp.path("summary").path("end_to_end_duration").path("max").asLong());
            s.put("latest_full_state_bytes", stateSize);
            s.put("latest_checkpointed_bytes", latest.path("checkpointed_size").asLong());
            s.put("state_bytes_per_customer_all_operators", Math.round(stateSize / (double) customers));
            long customerState = customerStateBytes(rest, latest.path("id").asLong());
            if (customerState >= 0) {
                s.put("state_bytes_per_customer_scoring_chain", Math.round(customerState / (double) customers));
            }
            s.put("per_customer_means", "full (not incremental) RocksDB state of the latest checkpoint / --customers; "
                    + "all operators include dedupe of event ids and metrics; the scoring chain is score-customers "
                    + "with the customer alert rules chained to it");
        } catch (Exception e) {
            s.put("unavailable", e.toString());
        }
        return s;
    }

    /** State of the vertex that holds score-customers in a checkpoint, or -1 when it cannot be told. */
    private static long customerStateBytes(FlinkRest rest, long checkpointId) throws Exception {
        JsonNode tasks = rest.checkpoint(checkpointId).path("tasks");
        for (JsonNode v : rest.job().path("vertices")) {
            if (v.path("name").asText().contains("score-customers")) {
                return tasks.path(v.path("id").asText()).path("state_size").asLong(-1);
            }
        }
        return -1;
    }

    private static ObjectNode targets(ObjectNode report) {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        double full = report.path("full_job").path("events_per_s_sustained").asDouble();
        double pass = report.path("pass_through").path("events_per_s_sustained").asDouble();
        double insert = report.path("clickhouse_insert").path("rows_per_s").asDouble();
        ObjectNode ratio = t.putObject("full_vs_pass_through");
        ratio.put("ratio", pass > 0 ? round(full / pass, 3) : 0);
        ratio.put("target", "≥ " + TARGET_PASS_THROUGH_RATIO);
        ratio.put("verdict", pass > 0 && full / pass >= TARGET_PASS_THROUGH_RATIO ? "MET" : "MISSED");
        ObjectNode rate = t.putObject("full_events_per_s");
        rate.put("value", Math.round(full));
        rate.put("target", "≥ " + Math.round(TARGET_EVENTS_PER_SECOND) + " on 2 cores");
        rate.put("verdict", full >= TARGET_EVENTS_PER_SECOND ? "MET" : "MISSED");
        JsonNode since = report.path("alert_latency").path("since_trigger_sent_ms");
        latencyTarget(t.putObject("alert_latency_p99_ms_webhook"), since.path(AlertLatency.WEBHOOK),
                "account managers' alerts, posted as soon as decided");
        latencyTarget(t.putObject("alert_latency_p99_ms_cx_alerts"), since.path(AlertLatency.CX_ALERTS),
                "downstream consumers of cx.alerts, read_committed: bounded below by the checkpoint interval");
        double passCpu = report.path("pass_through").path("cpu").path("total").path("cpu_us_per_event").asDouble();
        double fullCpu = report.path("full_job").path("cpu").path("total").path("cpu_us_per_event").asDouble();
        ObjectNode cpu = t.putObject("cpu_per_event_full_vs_pass_through");
        cpu.put("ratio", fullCpu > 0 ? round(passCpu / fullCpu, 3) : 0);
        cpu.put("target", "none (the throughput ratio a fully CPU-bound run would show: pass-through CPU per event / full)");
        ObjectNode ch = t.putObject("full_vs_clickhouse_insert");
        ch.put("ratio", insert > 0 ? round(full / insert, 3) : 0);
        ch.put("target", "none (how close the pipeline gets to ClickHouse's own rate)");
        return t;
    }

    private static void latencyTarget(ObjectNode target, JsonNode measured, String what) {
        long p99 = measured.path("p99").asLong(-1);
        target.put("value", p99);
        target.put("target", "≤ " + TARGET_ALERT_P99_MS + " at half the sustained rate");
        target.put("path", what);
        target.put("verdict", p99 < 0 ? "NO DATA" : p99 <= TARGET_ALERT_P99_MS ? "MET" : "MISSED");
    }

    private static ObjectNode machine() {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("cores", Runtime.getRuntime().availableProcessors());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            m.put("memory_mb", mb(os.getTotalMemorySize()));
        }
        m.put("load_average_at_start", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("max_heap_mb", mb(Runtime.getRuntime().maxMemory()));
        return m;
    }

    private ObjectNode configuration(int p) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("events", events);
        c.put("customers", customers);
        c.put("parallelism", p);
        c.put("input_partitions", p);
        c.put("checkpoint_interval_ms", checkpointInterval.toMillis());
        c.put("state_backend", "rocksdb, incremental checkpoints, exactly once");
        c.put("sink_batch_rows", sinkBatchRows);
        c.put("sink_flush_interval_ms", sinkFlushInterval.toMillis());
        c.put("handle_wait_ms", handleWait.toMillis());
        c.put("webhook", "the full job posts every alert opening to a chat webhook on 127.0.0.1, served by this process");
        c.put("latency_seconds", latencySeconds);
        c.put("warmup_seconds", warmupSeconds);
        c.put("rate", rate == null ? "auto: half the sustained rate, at most " + Math.round(MAX_AUTO_RATE) : rate.toString());
        c.put("seed", seed);
        return c;
    }

    private void step(String what) {
        progress.printf("bench [%.1fs]: %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    private static long mb(long bytes) {
        return Math.round(bytes / (1024.0 * 1024.0));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
