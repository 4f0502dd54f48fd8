package io.cxpulse.bench;

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
import java.util.Set;
import picocli.CommandLine;

/** Kafka and ClickHouse on free ports under the benchmark's data dir, and job configurations that use them. */
final class BenchStack implements AutoCloseable {

    final ClickHouseServer clickhouse;
    final KafkaBroker kafka;
    final int partitions;

    private BenchStack(ClickHouseServer clickhouse, KafkaBroker kafka, int partitions) {
        this.clickhouse = clickhouse;
        this.kafka = kafka;
        this.partitions = partitions;
    }

    /** @param partitions of each input topic: one per source subtask */
    static BenchStack start(Path dir, int partitions) {
        ClickHouseServer clickhouse = ClickHouseServer.start(dir.resolve("clickhouse"), Ports.free(), Ports.free(),
                Duration.ofSeconds(60));
        KafkaBroker kafka;
        try {
            kafka = KafkaBroker.start(dir.resolve("kafka"), Ports.free(), Ports.free(), Duration.ofSeconds(90));
        } catch (RuntimeException e) {
            clickhouse.close();
            throw e;
        }
        Map<String, Integer> topics = new LinkedHashMap<>();
        Topics.INPUT_TOPICS.forEach(t -> topics.put(t, partitions));
        Topics.OUTPUT_TOPICS.forEach(t -> topics.put(t, 1));
        kafka.createTopics(topics, Set.of(Topics.CUSTOMERS));
        return new BenchStack(clickhouse, kafka, partitions);
    }

    /**
     * A job configuration on these servers writing to {@code database} (migrated here), reading with its own consumer
     * group so that every job of the run starts from the beginning of the topics.
     */
    JobConfig config(String database, List<String> jobFlags) {
        List<String> flags = new ArrayList<>(List.of(
                "--kafka-bootstrap-servers", kafka.bootstrapServers(),
                "--clickhouse-url", clickhouse.httpUrl(),
                "--clickhouse-database", database,
                "--kafka-group-id", "cxpulse-" + database,
                "--transactional-id-prefix", "cxpulse-" + database));
        flags.addAll(jobFlags);
        JobConfig config = CommandLine.populateCommand(new JobOptions(), flags.toArray(String[]::new)).toConfig(Map.of());
        ExperienceMonitorJob.migrate(config);
        return config;
    }

    /** Rows in the database's events table: cheap to poll (from the parts' row counts). */
    long rows(String database) {
        return count("SELECT count() FROM " + database + ".events");
    }

    /** Distinct event ids in the database's events table: what landed, counted once at the end. */
    long distinctEvents(String database) {
        return count("SELECT uniqExact(event_id) FROM " + database + ".events");
    }

    long count(String sql) {
        return Long.parseLong(clickhouse.query(sql).trim());
    }

    @Override
    public void close() {
        kafka.close();
        clickhouse.close();
    }
}
