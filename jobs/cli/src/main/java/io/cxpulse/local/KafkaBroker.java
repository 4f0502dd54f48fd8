package io.cxpulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Kafka broker (KRaft, one node that is both broker and controller) in its own JVM, for the local demo
 * and the end-to-end tests. Data, configuration and the broker's output ({@code kafka.log}) live under the
 * directory it is given; a directory formatted by an earlier run is reused, topics and offsets included.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String LOG_FILE = "kafka.log";
    private static final String PID_FILE = "kafka.pid";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Process process;
    private final Admin admin;
    private boolean closed;

    private KafkaBroker(Path dir, int port, int controllerPort, Process process, Admin admin) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.process = process;
        this.admin = admin;
    }

    /** Starts the broker and returns once it serves clients, or throws with the tail of kafka.log. */
    public static KafkaBroker start(Path directory, int port, int controllerPort, Duration timeout) {
        Path dir = directory.toAbsolutePath();
        stopLeftOver(dir);
        Ports.requireFreeFor(port, "the Kafka broker's clients");
        Ports.requireFreeFor(controllerPort, "the Kafka controller");
        long deadline = System.nanoTime() + timeout.toNanos();
        Path serverProperties = prepare(dir, port, controllerPort);
        formatStorageOnce(dir, serverProperties, timeout);

        Process process = launch(dir, "kafka.Kafka", List.of(serverProperties.toString()));
        ChildProcesses.recordPid(dir.resolve(PID_FILE), process);
        Admin admin = null;
        try {
            admin = Admin.create(adminProperties(port));
            awaitReady(dir, process, admin, deadline, timeout);
            return new KafkaBroker(dir, port, controllerPort, process, admin);
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.close(Duration.ZERO);
            }
            ChildProcesses.stop(process, ChildProcesses.GRACE);
            ChildProcesses.forgetPid(dir.resolve(PID_FILE));
            throw e;
        }
    }

    /**
     * Stops the broker an earlier run started in {@code directory} and could not stop (its JVM was killed): it would
     * hold the ports and the data directory's lock.
     */
    public static void stopLeftOver(Path directory) {
        Path dir = directory.toAbsolutePath();
        if (ChildProcesses.stopLeftOver(dir.resolve(PID_FILE), dir.resolve("server.properties").toString())) {
            System.err.println("stopped the Kafka broker an earlier run left running in " + dir);
        }
    }

    /** A new broker on this one's directory and ports, after this one was closed: topics and offsets as they were. */
    public KafkaBroker startAgain(Duration timeout) {
        if (!closed) {
            throw new IllegalStateException("the Kafka broker in " + dir + " is still running");
        }
        return start(dir, port, controllerPort, timeout);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The broker's process id, so callers and tests can tell that close() left nothing running. */
    public long pid() {
        return process.pid();
    }

    /** Creates the topics that do not exist yet; the compacted ones get cleanup.policy=compact. */
    public void createTopics(Map<String, Integer> partitionsByTopic, Set<String> compactedTopics) {
        if (!partitionsByTopic.keySet().containsAll(compactedTopics)) {
            throw new IllegalArgumentException("compacted topics " + compactedTopics
                    + " are not all among the topics to create " + partitionsByTopic.keySet());
        }
        List<NewTopic> topics = new ArrayList<>();
        partitionsByTopic.forEach((name, partitions) -> {
            NewTopic topic = new NewTopic(name, partitions, (short) 1);
            if (compactedTopics.contains(name)) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(topic);
        });
        admin.createTopics(topics).values().forEach((name, result) -> {
            try {
                result.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + name + " on " + bootstrapServers()
                            + ": " + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("creating topic " + name + " on " + bootstrapServers() + " timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic " + name, e);
            }
        });
    }

    /** Deletes the topics that exist among {@code names} and returns once the broker no longer lists them. */
    public void deleteTopics(Set<String> names) {
        try {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
            existing.retainAll(names);
            admin.deleteTopics(existing).all().get(30, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().anyMatch(names::contains)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("topics " + names + " still listed on " + bootstrapServers()
                            + " 30 s after their deletion");
                }
                sleep(100);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot delete topics " + names + " on " + bootstrapServers() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while deleting topics " + names, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        admin.close(Duration.ofSeconds(2));
        ChildProcesses.stop(process, ChildProcesses.GRACE);
        ChildProcesses.forgetPid(dir.resolve(PID_FILE));
    }

    private static Path prepare(Path dir, int port, int controllerPort) {
        try {
            Files.createDirectories(dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Kafka directory " + dir, e);
        }
        Path serverProperties = dir.resolve("server.properties");
        KafkaServerProperties.write(KafkaServerProperties.of(dir.resolve("data"), port, controllerPort), serverProperties);
        KafkaServerProperties.writeLog4j(dir.resolve("log4j2.properties"));
        return serverProperties;
    }

    /** KRaft storage must be formatted before the first start; formatting again would lose the cluster's data. */
    private static void formatStorageOnce(Path dir, Path serverProperties, Duration timeout) {
        if (Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            return;
        }
        Process format = launch(dir, "kafka.tools.StorageTool", List.of(
                "format", "--cluster-id", Uuid.randomUuid().toString(), "--config", serverProperties.toString(),
                "--ignore-formatted"));
        try {
            if (!format.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ChildProcesses.stop(format, Duration.ofSeconds(5));
                throw new IllegalStateException("formatting Kafka storage in " + dir.resolve("data")
                        + " took longer than " + timeout + "; " + LogTail.of(dir.resolve(LOG_FILE), 30));
            }
        } catch (InterruptedException e) {
            ChildProcesses.stop(format, Duration.ofSeconds(5));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage in " + dir, e);
        }
        if (format.exitValue() != 0) {
            throw new IllegalStateException("formatting Kafka storage in " + dir.resolve("data") + " failed (exit "
                    + format.exitValue() + "); " + LogTail.of(dir.resolve(LOG_FILE), 30));
        }
    }

    /** A JVM on this JVM's own class path (the kafka_2.13 jars are on it); output appended to kafka.log. */
    private static Process launch(Path dir, String mainClass, List<String> args) {
        return ChildJvm.start(dir, LOG_FILE, List.of("-Xmx512m", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties").toUri(),
                "-Dkafka.logs.dir=" + dir.resolve("logs")), mainClass, args);
    }

    private static Properties adminProperties(int port) {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        p.setProperty(AdminClientConfig.CLIENT_ID_CONFIG, "cxpulse-local-broker-admin");
        p.setProperty(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.setProperty(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.setProperty(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        return p;
    }

    private static void awaitReady(Path dir, Process process, Admin admin, long deadline, Duration timeout) {
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker in " + dir + " exited with " + process.exitValue()
                        + " while starting; " + LogTail.of(dir.resolve(LOG_FILE), 40));
            }
            try {
                if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                lastProblem = String.valueOf(e.getCause() != null ? e.getCause() : e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Kafka broker in " + dir, e);
            }
            sleep(200);
        }
        throw new IllegalStateException("the Kafka broker in " + dir + " did not answer within " + timeout
                + " (last problem: " + lastProblem + "); " + LogTail.of(dir.resolve(LOG_FILE), 40));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
