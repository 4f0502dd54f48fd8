package io.cxpulse.cli;

import io.cxpulse.config.JobConfig;
import io.cxpulse.config.JobOptions;
import io.cxpulse.dashboards.LiveView;
import io.cxpulse.job.ExperienceMonitorJob;
import io.cxpulse.job.JobSinks;
import io.cxpulse.job.JobSources;
import io.cxpulse.local.ClickHouseServer;
import io.cxpulse.local.KafkaBroker;
import io.cxpulse.local.LocalFlink;
import io.cxpulse.local.Ports;
import io.cxpulse.model.Topics;
import io.cxpulse.simulator.SimulatorRunner;
import io.cxpulse.simulator.SimulatorSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The local demo: a real Kafka broker and ClickHouse server as child processes, the job on a Flink mini-cluster with
 * RocksDB and the web UI, and the simulator. Everything lives under {@code --data-dir}; running it again resumes.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start Kafka, ClickHouse, the job (Flink mini-cluster, RocksDB, web UI) and the simulator, all on 127.0.0.1.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = ".cxpulse", description = "Data, logs and checkpoints. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int kafkaPort;

    @Option(names = "--kafka-controller-port", defaultValue = "9093", description = "Kafka's KRaft controller. Default: ${DEFAULT-VALUE}.")
    int kafkaControllerPort;

    @Option(names = "--clickhouse-port", defaultValue = "8123", description = "ClickHouse HTTP. Default: ${DEFAULT-VALUE}.")
    int clickhousePort;

    @Option(names = "--clickhouse-tcp-port", defaultValue = "9000", description = "ClickHouse native protocol (clickhouse-client). Default: ${DEFAULT-VALUE}.")
    int clickhouseTcpPort;

    @Option(names = "--flink-ui-port", defaultValue = "8081", description = "Flink web UI. Default: ${DEFAULT-VALUE}.")
    int flinkUiPort;

    @Option(names = "--live-view-port", defaultValue = "8088",
            description = "Live dashboards (ops, churn watch, pipeline health) on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
    int liveViewPort;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions per input topic. Default: ${DEFAULT-VALUE}.")
    int partitions;

    @Option(names = "--rate", defaultValue = "200", description = "Simulated events per second. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--customers", defaultValue = "2000", description = "Simulated customers. Default: ${DEFAULT-VALUE}.")
    int customers;

    @Option(names = "--seed", defaultValue = "42", description = "Simulator seed (each demo run continues with the next seed). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--malformed-share", defaultValue = "0.01", description = "Share of malformed simulated records. Default: ${DEFAULT-VALUE}.")
    double malformedShare;

    @Option(names = "--simulator", defaultValue = "true", negatable = true, fallbackValue = "true",
            description = "Run the simulator (--no-simulator: only your own events via produce). Default: ${DEFAULT-VALUE}.")
    boolean simulator;

    @Option(names = "--sentiment-model", paramLabel = "FILE",
            description = "Sentiment model for the job (from `train sentiment`); default: the shipped model.")
    String sentimentModel;

    @Option(names = "--taxonomy", paramLabel = "FILE", description = "Complaint taxonomy JSON; default: the shipped one.")
    String taxonomy;

    @Option(names = "--alert-rules", paramLabel = "FILE", description = "Alert rules JSON for the job; default: the shipped rules.")
    String alertRules;

    @Option(names = "--webhook-config", paramLabel = "FILE",
            description = "Webhook routes for the job's alerts (JSON); secret from CXPULSE_WEBHOOK_SECRET. Default: none.")
    String webhookConfig;

    @Option(names = "--status-interval", defaultValue = "10s", converter = io.cxpulse.config.Durations.class,
            description = "How often to print progress. Default: ${DEFAULT-VALUE}.")
    Duration statusInterval;

    @Override
    public Integer call() throws Exception {
        if (partitions < 1 || partitions > 64) {
            throw new IllegalArgumentException("--partitions must be between 1 and 64, got " + partitions);
        }
        List<String> jobArgs = new ArrayList<>(List.of(
                "--kafka-bootstrap-servers", "127.0.0.1:" + kafkaPort,
                "--clickhouse-url", "http://127.0.0.1:" + clickhousePort,
                "--checkpoint-interval", "10s"));
        if (sentimentModel != null) {
            jobArgs.addAll(List.of("--sentiment-model", sentimentModel));
        }
        if (taxonomy != null) {
            jobArgs.addAll(List.of("--taxonomy", taxonomy));
        }
        if (alertRules != null) {
            jobArgs.addAll(List.of("--alert-rules", alertRules));
        }
        if (webhookConfig != null) {
            jobArgs.addAll(List.of("--webhook-config", webhookConfig));
        }
        // from the environment only the webhook's signing secret: the demo's own servers need no other credential
        Map<String, String> secrets = new java.util.HashMap<>(System.getenv());
        secrets.keySet().removeIf(name -> !name.startsWith("CXPULSE_WEBHOOK_SECRET"));
        // bad flags and files are refused here, before anything is created or started
        CommandLine.populateCommand(new JobOptions(), jobArgs.toArray(String[]::new)).toConfig(secrets);

        Path dir = dataDir.toAbsolutePath();
        // a demo killed with kill -9 leaves its Kafka and ClickHouse running (children outlive their parent): stop
        // them, or they would hold the ports and the data
        KafkaBroker.stopLeftOver(dir.resolve("kafka"));
        ClickHouseServer.stopLeftOver(dir.resolve("clickhouse"));
        Ports.requireFree(kafkaPort, "--kafka-port");
        Ports.requireFree(kafkaControllerPort, "--kafka-controller-port");
        Ports.requireFree(clickhousePort, "--clickhouse-port");
        Ports.requireFree(clickhouseTcpPort, "--clickhouse-tcp-port");
        Ports.requireFree(flinkUiPort, "--flink-ui-port");
        Ports.requireFree(liveViewPort, "--live-view-port");
        Files.createDirectories(dir);
        long runSeed = seed + nextRunNumber(dir);
        // the job writes as its own ClickHouse user, allowed into its database only, with a password generated once
        jobArgs.addAll(List.of("--clickhouse-user", ClickHouseServer.JOB_USER,
                "--clickhouse-password-file", ClickHouseServer.jobPasswordFile(dir.resolve("clickhouse")).toString()));
        JobConfig config = CommandLine.populateCommand(new JobOptions(), jobArgs.toArray(String[]::new)).toConfig(secrets);

        Stack stack = new Stack();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping: simulator, job (savepoint), Kafka, ClickHouse…");
            stack.close();
            System.out.println("stopped; data kept in " + dir + " (run demo again to resume)");
            stopped.countDown();
        }, "cxpulse-demo-shutdown"));

        step("ClickHouse");
        stack.clickhouse = ClickHouseServer.start(dir.resolve("clickhouse"), clickhousePort, clickhouseTcpPort,
                Duration.ofSeconds(60), config.clickhouseDatabase());
        done("ClickHouse " + stack.clickhouse.version() + " at " + stack.clickhouse.httpUrl());

        step("Kafka");
        stack.kafka = KafkaBroker.start(dir.resolve("kafka"), kafkaPort, kafkaControllerPort, Duration.ofSeconds(90));
        Map<String, Integer> topics = new LinkedHashMap<>();
        Topics.INPUT_TOPICS.forEach(t -> topics.put(t, partitions));
        Topics.OUTPUT_TOPICS.forEach(t -> topics.put(t, partitions));
        stack.kafka.createTopics(topics, Set.of(Topics.CUSTOMERS));
        done("Kafka (KRaft) at " + stack.kafka.bootstrapServers() + ", topics " + topics.keySet());

        step("ClickHouse migrations");
        ExperienceMonitorJob.migrate(config);
        done("database " + config.clickhouseDatabase() + " up to date");

        step("Flink job");
        stack.flink = LocalFlink.start(config, JobSources.kafka(config), JobSinks.production(config), dir.resolve("flink"),
                flinkUiPort);
        stack.flink.awaitRunning(Duration.ofSeconds(60));
        done("experience-monitor running, " + (stack.flink.restoredFrom() == null ? "first start"
                : "resumed from " + dir.relativize(Path.of(stack.flink.restoredFrom()))));

        if (simulator) {
            step("simulator");
            Properties producer = new Properties();
            producer.put("bootstrap.servers", stack.kafka.bootstrapServers());
            stack.simulator = new SimulatorRunner(producer,
                    new SimulatorSettings(runSeed, customers, rate, malformedShare, System.currentTimeMillis()), 0, null, null);
            Thread t = new Thread(stack.simulator, "cxpulse-simulator");
            t.setDaemon(true);
            t.start();
            done(String.format("%d customers, %.0f events/s, seed %d, %.1f%% malformed", customers, rate, runSeed,
                    malformedShare * 100));
        }

        step("live view");
        stack.liveView = new LiveView(stack.clickhouse.httpUrl(), config.clickhouseDatabase(), liveViewPort);
        done("dashboards at " + stack.liveView.url());

        printWhereToLook();
        while (!stopped.await(statusInterval.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            printStatus(stack);
        }
        return 0;
    }

    private void printWhereToLook() {
        System.out.println();
        System.out.println("CX Pulse demo is running. Where to look:");
        System.out.println("  Live dashboards  http://127.0.0.1:" + liveViewPort + "/   (ops, churn watch, pipeline health)");
        System.out.println("  Flink web UI     http://127.0.0.1:" + flinkUiPort);
        System.out.println("  ClickHouse HTTP  http://127.0.0.1:" + clickhousePort + "   (native port " + clickhouseTcpPort + ")");
        System.out.println("  Kafka            127.0.0.1:" + kafkaPort);
        System.out.println("  logs             " + dataDir + "/clickhouse, " + dataDir + "/kafka");
        System.out.println("Try:");
        System.out.println("  clickhouse-client --port " + clickhouseTcpPort
                + " -q \"SELECT event_type, count() FROM cxpulse.events FINAL GROUP BY event_type\"");
        System.out.println("  clickhouse-client --port " + clickhouseTcpPort
                + " -q \"SELECT source_topic, reason FROM cxpulse.ingest_errors ORDER BY rejected_at DESC LIMIT 10\"");
        System.out.println("  ./bin/cxpulse produce --topic cx.complaints --file my-events.jsonl");
        System.out.println("Ctrl-C stops everything (the job with a savepoint); running demo again resumes.");
        System.out.println();
    }

    private static void printStatus(Stack stack) {
        try {
            String events = stack.clickhouse.query("SELECT event_type, count() FROM cxpulse.events FINAL "
                    + "GROUP BY event_type ORDER BY event_type").trim().replace('\t', ' ').replace("\n", ", ");
            String errors = stack.clickhouse.query("SELECT count() FROM cxpulse.ingest_errors FINAL").trim();
            String alerts = stack.clickhouse.query("SELECT kind, count() FROM cxpulse.alerts FINAL "
                    + "GROUP BY kind ORDER BY kind").trim().replace('\t', ' ').replace("\n", ", ");
            System.out.printf("[%tT] events %s, rejected %s, alerts %s%s%n", System.currentTimeMillis(), events, errors,
                    alerts.isEmpty() ? "none yet" : alerts,
                    stack.simulator == null ? "" : ", simulator sent " + stack.simulator.eventsSent());
        } catch (RuntimeException e) {
            System.out.printf("[%tT] status unavailable: %s%n", System.currentTimeMillis(), e.getMessage());
        }
    }

    private static long nextRunNumber(Path dir) throws IOException {
        Path counter = dir.resolve("demo-runs");
        long runs = Files.exists(counter) ? Long.parseLong(Files.readString(counter, StandardCharsets.UTF_8).trim()) : 0;
        Files.writeString(counter, Long.toString(runs + 1), StandardCharsets.UTF_8);
        return runs;
    }

    private static void step(String what) {
        System.out.print("starting " + what + "… ");
        System.out.flush();
    }

    private static void done(String what) {
        System.out.println("ok: " + what);
    }

    /** What the demo started, stopped in reverse order. */
    private static final class Stack implements AutoCloseable {
        volatile ClickHouseServer clickhouse;
        volatile KafkaBroker kafka;
        volatile LocalFlink flink;
        volatile SimulatorRunner simulator;
        volatile LiveView liveView;

        @Override
        public void close() {
            if (liveView != null) {
                liveView.close();
            }
            if (simulator != null) {
                simulator.stop();
            }
            if (flink != null) {
                flink.stop(Duration.ofSeconds(12));
            }
            if (kafka != null) {
                kafka.close();
            }
            if (clickhouse != null) {
                clickhouse.close();
            }
        }
    }
}
