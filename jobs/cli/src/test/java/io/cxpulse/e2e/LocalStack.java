package io.cxpulse.e2e;

import io.cxpulse.config.JobConfig;
import io.cxpulse.config.JobOptions;
import io.cxpulse.job.ExperienceMonitorJob;
import io.cxpulse.local.ClickHouseServer;
import io.cxpulse.local.KafkaBroker;
import io.cxpulse.local.Ports;
import io.cxpulse.model.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;

/**
 * Real Kafka and ClickHouse servers on free ports for end-to-end tests, and the job configuration that uses them. The
 * servers can be stopped and started again on the same data and ports, for the fault-injection tests.
 */
final class LocalStack implements AutoCloseable {

    private static final Duration CLICKHOUSE_START = Duration.ofSeconds(60);
    private static final Duration KAFKA_START = Duration.ofSeconds(90);

    volatile ClickHouseServer clickhouse;
    volatile KafkaBroker kafka;
    final JobConfig config;
    private final KafkaProducer<byte[], byte[]> producer;

    LocalStack(Path dir, String database, String... extraFlags) {
        clickhouse = ClickHouseServer.start(dir.resolve("clickhouse"), Ports.free(), Ports.free(), CLICKHOUSE_START);
        kafka = KafkaBroker.start(dir.resolve("kafka"), Ports.free(), Ports.free(), KAFKA_START);
        createTopics();
        config = config(database, extraFlags);
        ExperienceMonitorJob.migrate(config);
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        // a broker restarted under load must not make a send give up (a resend would reorder and shift offsets)
        p.put("delivery.timeout.ms", "300000");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * The job's configuration for these servers and {@code database}, with test timings; {@code extraFlags} (flag,
     * value pairs, or a lone flag) add to them or replace them.
     */
    JobConfig config(String database, String... extraFlags) {
        return CommandLine.populateCommand(new JobOptions(), jobArgs(database, extraFlags).toArray(String[]::new))
                .toConfig(Map.of());
    }

    /** {@link #config} as command-line flags, for a job in a JVM of its own. */
    List<String> jobArgs(String database, String... extraFlags) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("--kafka-bootstrap-servers", kafka.bootstrapServers());
        flags.put("--clickhouse-url", clickhouse.httpUrl());
        flags.put("--clickhouse-database", database);
        flags.put("--parallelism", "2");
        flags.put("--checkpoint-interval", "2s");
        flags.put("--sink-flush-interval", "300ms");
        flags.put("--max-out-of-orderness", "5s");
        flags.put("--idle-timeout", "3s");
        flags.put("--handle-wait", "2s");
        // jobs of different tests share this JVM: their Kafka transactional ids must not collide
        flags.put("--transactional-id-prefix", "cxpulse-" + database);
        for (int i = 0; i < extraFlags.length; i++) {
            boolean hasValue = i + 1 < extraFlags.length && !extraFlags[i + 1].startsWith("--");
            flags.put(extraFlags[i], hasValue ? extraFlags[++i] : null);
        }
        List<String> args = new ArrayList<>();
        flags.forEach((flag, value) -> {
            args.add(flag);
            if (value != null) {
                args.add(value);
            }
        });
        return args;
    }

    /** Deletes every topic and creates them again, empty: the next test's input starts at offset 0. */
    void recreateTopics() {
        kafka.deleteTopics(topicPartitions().keySet());
        createTopics();
    }

    private void createTopics() {
        kafka.createTopics(topicPartitions(), Set.of(Topics.CUSTOMERS));
    }

    private static Map<String, Integer> topicPartitions() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        Topics.INPUT_TOPICS.forEach(t -> topics.put(t, PARTITIONS));
        Topics.OUTPUT_TOPICS.forEach(t -> topics.put(t, 1));
        return topics;
    }

    /** Partitions of each input topic. */
    static final int PARTITIONS = 2;

    /** Stops ClickHouse (SIGTERM, as a service manager would); {@link #startClickHouseAgain()} brings it back. */
    void stopClickHouse() {
        clickhouse.close();
    }

    void startClickHouseAgain() {
        clickhouse = clickhouse.startAgain(CLICKHOUSE_START);
    }

    /** Stops the broker (SIGTERM, a controlled shutdown) and starts it again on the same data and ports. */
    void restartKafka() {
        kafka.close();
        kafka = kafka.startAgain(KAFKA_START);
    }

    void send(String topic, String key, byte[] value) {
        sendAll(List.of(new ProducerRecord<>(topic, key == null ? null : key.getBytes(), value)));
    }

    void sendAll(List<ProducerRecord<byte[], byte[]>> records) {
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        records.forEach(r -> futures.add(producer.send(r)));
        try {
            for (Future<RecordMetadata> f : futures) {
                f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("send to Kafka failed", e);
        }
    }

    long count(String sql) {
        return Long.parseLong(clickhouse.query(sql).trim());
    }

    static void await(String what, Duration timeout, Supplier<Boolean> condition) throws InterruptedException {
        await(what, timeout, condition, () -> "");
    }

    /** @param state what to report when it times out, asked then (e.g. the figures the condition looks at) */
    static void await(String what, Duration timeout, Supplier<Boolean> condition, Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (RuntimeException e) {
                // the server may be mid-merge or the table not yet written; ask again
            }
            Thread.sleep(300);
        }
        String seen;
        try {
            seen = state.get();
        } catch (RuntimeException e) {
            seen = "(state unavailable: " + e.getMessage() + ")";
        }
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what + (seen.isEmpty() ? "" : "; " + seen));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        kafka.close();
        clickhouse.close();
    }
}
