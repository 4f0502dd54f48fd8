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

/** Real Kafka and ClickHouse servers on free ports for end-to-end tests, and the job configuration that uses them. */
final class LocalStack implements AutoCloseable {

    final ClickHouseServer clickhouse;
    final KafkaBroker kafka;
    final JobConfig config;
    private final KafkaProducer<byte[], byte[]> producer;

    LocalStack(Path dir, String database, String... extraFlags) {
        clickhouse = ClickHouseServer.start(dir.resolve("clickhouse"), Ports.free(), Ports.free(), Duration.ofSeconds(60));
        kafka = KafkaBroker.start(dir.resolve("kafka"), Ports.free(), Ports.free(), Duration.ofSeconds(90));
        Map<String, Integer> topics = new LinkedHashMap<>();
        Topics.INPUT_TOPICS.forEach(t -> topics.put(t, 2));
        Topics.OUTPUT_TOPICS.forEach(t -> topics.put(t, 1));
        kafka.createTopics(topics, Set.of(Topics.CUSTOMERS));
        List<String> flags = new ArrayList<>(List.of(
                "--kafka-bootstrap-servers", kafka.bootstrapServers(),
                "--clickhouse-url", clickhouse.httpUrl(),
                "--clickhouse-database", database,
                "--parallelism", "2",
                "--checkpoint-interval", "2s",
                "--sink-flush-interval", "300ms",
                "--max-out-of-orderness", "5s",
                "--idle-timeout", "3s",
                "--handle-wait", "2s",
                // jobs of different tests share this JVM: their Kafka transactional ids must not collide
                "--transactional-id-prefix", "cxpulse-" + database));
        flags.addAll(List.of(extraFlags));
        config = CommandLine.populateCommand(new JobOptions(), flags.toArray(String[]::new)).toConfig(Map.of());
        ExperienceMonitorJob.migrate(config);
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka.bootstrapServers());
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
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
