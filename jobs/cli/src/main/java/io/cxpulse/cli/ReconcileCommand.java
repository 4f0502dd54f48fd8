package io.cxpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.config.Durations;
import io.cxpulse.config.JobConfig;
import io.cxpulse.config.JobOptions;
import io.cxpulse.forget.ErasureFilters;
import io.cxpulse.identity.HandleClaim;
import io.cxpulse.ingest.Ingested;
import io.cxpulse.ingest.KafkaIngestDeserializer;
import io.cxpulse.ingest.RecordDecoder;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.Topics;
import io.cxpulse.profile.Erasure;
import io.cxpulse.sink.clickhouse.ClickHouseMigrations;
import io.cxpulse.sink.clickhouse.ClickHouseSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Checks delivery end to end: reads every input topic from the beginning as the job does (read_committed, the job's own
 * decoder and limits) and compares what it accepts and rejects with ClickHouse's {@code events} and
 * {@code ingest_errors} and with the committed records of {@code cx.dead-letter}. Exit 0 only when every accepted event
 * is stored exactly once and every rejected record is recorded in both.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Compare the events in the input topics with ClickHouse: sent, stored, missing, duplicated, extra; "
                + "exit 1 on any difference. Pass the job's own flags (Kafka, ClickHouse, limits).")
public final class ReconcileCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    JobOptions options = new JobOptions();

    @Option(names = "--wait", defaultValue = "0s", converter = Durations.class,
            description = "Check again every 2 s until there is no difference or this long has passed (e.g. while the "
                    + "job catches up). Default: ${DEFAULT-VALUE}.")
    Duration wait;

    @Option(names = "--show", defaultValue = "10", description = "Event ids to list per kind of difference. Default: ${DEFAULT-VALUE}.")
    int show;

    @Override
    public Integer call() throws Exception {
        if (show < 0) {
            throw new IllegalArgumentException("--show must be ≥ 0, got " + show);
        }
        JobConfig config = options.toConfig(System.getenv());
        PrintStream out = System.out;
        Sent sent = readTopics(config);
        long deadline = System.nanoTime() + wait.toNanos();
        Reconciliation r = compare(config, sent);
        while (!r.clean() && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
            r = compare(config, sent);
        }
        r.print(out, config.clickhouseDatabase(), show);
        return r.clean() ? 0 : 1;
    }

    /**
     * What the input topics hold, as the job decodes it, less what belongs to customers erased since ({@code forget}):
     * their rows were deleted on purpose, so their records are left out of the comparison and only counted.
     */
    record Sent(long records, Set<String> eventIds, Set<String> rejectedIds, int erasedCustomers,
            Set<String> erasedEventIds, Set<String> erasedRejectedIds) {

        long erasedRecords() {
            return erasedEventIds.size() + erasedRejectedIds.size();
        }
    }

    /** What erasure looks at, not the whole event: the topics may hold millions. */
    private record Accepted(String id, String customerId, String platform, String authorHandle) {}

    private record Rejected(String id, byte[] key, byte[] value) {}

    static Sent readTopics(JobConfig config) {
        KafkaIngestDeserializer deserializer = new KafkaIngestDeserializer(
                new RecordDecoder(config.maxRecordBytes(), config.maxFutureSkew().toMillis()));
        List<Accepted> accepted = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        List<ErasureFilters> erased = new ArrayList<>();
        List<Ingested> decoded = new ArrayList<>(1);
        long records = readCommitted(config, Topics.INPUT_TOPICS, r -> {
            decoded.clear();
            deserializer.deserialize(r, new ListCollector<>(decoded));
            for (Ingested in : decoded) {
                if (in.error() != null) {
                    rejected.add(new Rejected(in.error().errorId(), r.key(), r.value()));
                } else if (in.event() != null) {
                    CxEvent e = in.event();
                    accepted.add(new Accepted(e.eventId(), e.customerId(), e.platform(), e.authorHandle()));
                } else if (Erasure.isErasure(in.profile())) {
                    Set<String> handleKeys = new TreeSet<>();
                    in.profile().handles().forEach((platform, handle) -> handleKeys.add(HandleClaim.key(platform, handle)));
                    erased.add(new ErasureFilters(in.profile().customerId(), handleKeys));
                }
            }
        });
        Set<String> eventIds = new HashSet<>();
        Set<String> erasedEventIds = new HashSet<>();
        for (Accepted a : accepted) {
            boolean hers = erased.stream().anyMatch(f -> f.holdsEvent(a.customerId(), a.platform(), a.authorHandle()));
            (hers ? erasedEventIds : eventIds).add(a.id());
        }
        Set<String> rejectedIds = new HashSet<>();
        Set<String> erasedRejectedIds = new HashSet<>();
        for (Rejected x : rejected) {
            boolean hers = erased.stream().anyMatch(f -> f.holdsRejected(x.key(), x.value()));
            (hers ? erasedRejectedIds : rejectedIds).add(x.id());
        }
        return new Sent(records, eventIds, rejectedIds, erased.size(), erasedEventIds, erasedRejectedIds);
    }

    /** The error ids of the committed dead letters (the job writes them in transactions, with its checkpoints). */
    static Set<String> deadLetters(JobConfig config) {
        Set<String> ids = new HashSet<>();
        readCommitted(config, List.of(Topics.DEAD_LETTER), r -> {
            try {
                ids.add(JSON.readTree(r.value()).path("error_id").asText());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a record in " + Topics.DEAD_LETTER + " at " + r.partition() + "@"
                        + r.offset() + " is not JSON", e);
            }
        });
        return ids;
    }

    /**
     * Reads the topics from the beginning up to their last stable offset (read_committed: an open transaction cannot
     * keep us waiting); no consumer group, nothing committed.
     *
     * @return how many records were read
     */
    private static long readCommitted(JobConfig config, List<String> topics, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Properties p = new Properties();
        p.putAll(config.kafkaProperties());
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.remove("group.id");
        long records = 0;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalStateException("topic " + topic + " not found on " + config.kafkaBootstrapServers());
                }
                infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        records++;
                        each.accept(r);
                    }
                }
            }
        }
        return records;
    }

    static Reconciliation compare(JobConfig config, Sent sent) {
        String db = config.clickhouseDatabase();
        try (var client = ClickHouseSettings.from(config).newClient()) {
            Set<String> storedIds = column(client, "SELECT DISTINCT event_id AS id FROM " + db + ".events");
            JsonNode counts = ClickHouseMigrations.queryJson(client, "SELECT count() AS rows, uniqExact(event_id) AS ids FROM "
                    + db + ".events FINAL").get(0);
            Set<String> errorIds = column(client, "SELECT DISTINCT error_id AS id FROM " + db + ".ingest_errors");
            return new Reconciliation(sent, storedIds, counts.get("rows").asLong(), counts.get("ids").asLong(), errorIds,
                    deadLetters(config));
        }
    }

    private static Set<String> column(com.clickhouse.client.api.Client client, String sql) {
        Set<String> values = new HashSet<>();
        ClickHouseMigrations.queryJson(client, sql).forEach(row -> values.add(row.get("id").asText()));
        return values;
    }

    /**
     * @param rowsFinal rows of {@code events FINAL}: more than {@code idsFinal} means an event stored twice under
     *                  different sorting keys (a replay that changed its customer or time)
     */
    record Reconciliation(Sent sent, Set<String> storedIds, long rowsFinal, long idsFinal, Set<String> errorIds,
            Set<String> deadLetterIds) {

        List<String> missing() {
            return minus(sent.eventIds(), storedIds);
        }

        /** Stored but never sent; an erased customer's events are neither (she may have had new ones since). */
        List<String> extra() {
            return minus(minus(storedIds, sent.eventIds()), sent.erasedEventIds());
        }

        long duplicated() {
            return rowsFinal - idsFinal;
        }

        List<String> rejectedMissing() {
            return minus(sent.rejectedIds(), errorIds);
        }

        List<String> rejectedExtra() {
            return minus(minus(errorIds, sent.rejectedIds()), sent.erasedRejectedIds());
        }

        List<String> deadLettersMissing() {
            return minus(sent.rejectedIds(), deadLetterIds);
        }

        boolean clean() {
            return missing().isEmpty() && extra().isEmpty() && duplicated() == 0 && rejectedMissing().isEmpty()
                    && rejectedExtra().isEmpty() && deadLettersMissing().isEmpty();
        }

        void print(PrintStream out, String db, int show) {
            out.printf("sent:       %d records on %s: %d distinct events accepted, %d records rejected%n", sent.records(),
                    String.join(", ", Topics.INPUT_TOPICS), sent.eventIds().size(), sent.rejectedIds().size());
            if (sent.erasedCustomers() > 0) {
                out.printf("erased:     %d records of %d customers erased by forget: not compared (their rows were "
                        + "deleted on purpose)%n", sent.erasedRecords(), sent.erasedCustomers());
            }
            out.printf("stored:     %d distinct events in %s.events (count() FINAL %d), %d records in %s.ingest_errors%n",
                    storedIds.size(), db, rowsFinal, errorIds.size(), db);
            out.printf("missing:    %d%s%n", missing().size(), examples(missing(), show));
            out.printf("duplicated: %d (count() FINAL %d - uniqExact(event_id) FINAL %d)%n", duplicated(), rowsFinal, idsFinal);
            out.printf("extra:      %d%s%n", extra().size(), examples(extra(), show));
            out.printf("rejected records missing from ingest_errors: %d%s%n", rejectedMissing().size(),
                    examples(rejectedMissing(), show));
            out.printf("ingest_errors not among the rejected records: %d%s%n", rejectedExtra().size(),
                    examples(rejectedExtra(), show));
            out.printf("rejected records missing from %s (committed): %d%s%n", Topics.DEAD_LETTER,
                    deadLettersMissing().size(), examples(deadLettersMissing(), show));
            out.println(clean() ? "OK: every event exactly once, every rejected record recorded and dead-lettered"
                    : "DIFFERENCES found");
        }

        private static List<String> minus(Set<String> a, Set<String> b) {
            return minus(List.copyOf(a), b);
        }

        private static List<String> minus(List<String> a, Set<String> b) {
            return a.stream().filter(x -> !b.contains(x)).sorted().toList();
        }

        private static String examples(List<String> ids, int show) {
            return ids.isEmpty() || show == 0 ? "" : " e.g. " + String.join(" ", ids.subList(0, Math.min(show, ids.size())));
        }
    }
}
