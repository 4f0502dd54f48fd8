package io.cxpulse.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.config.ConfigException;
import io.cxpulse.config.Durations;
import io.cxpulse.config.JobOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints a topic's records so a person can watch {@code cx.alerts} (or any topic) in a terminal: records on stdout,
 * progress and the closing count on stderr, so {@code consume … | jq} sees only records.
 *
 * <p>Reads committed records only ({@code isolation.level=read_committed}): what the job wrote in a transaction that it
 * then aborted (a failed checkpoint) never shows. Uses {@code assign()} and no consumer group, so it commits nothing
 * and leaves no trace on the broker; any number can watch at once.
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = "Print the records of a Kafka topic (e.g. cx.alerts): records on stdout, progress on stderr.")
public final class ConsumeCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration MAX_POLL = Duration.ofMillis(500);

    enum Format { json, pretty }

    @Option(names = "--topic", required = true, paramLabel = "TOPIC",
            description = "The topic to read, e.g. cx.alerts.")
    String topic;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records. Default: no limit.")
    Integer max;

    @Option(names = "--timeout", defaultValue = "30s", paramLabel = "DURATION", converter = IdleTimeout.class,
            description = "Stop after this long without a new record; 0 = never. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = "--from-beginning",
            description = "Start at the oldest record. Default: only records that arrive from now on.")
    boolean fromBeginning;

    @Option(names = "--kafka-bootstrap-servers", defaultValue = "127.0.0.1:9092",
            description = "Kafka brokers. Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(names = "--kafka-properties-file", paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.*).")
    Path kafkaPropertiesFile;

    @Option(names = "--latency",
            description = "At the end, print percentiles of the delay from each record's event_time to its arrival here "
                    + "(and to its processed_at, when it has one): on cx.alerts, the alert latency of live traffic.")
    boolean latency;

    @Option(names = "--format", defaultValue = "json", paramLabel = "FORMAT",
            description = "json: each value as-is, one per line; pretty: key, partition/offset and time, then the value "
                    + "indented. One of: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** A duration as {@link Durations} reads it, or {@code 0} for no limit. */
    static final class IdleTimeout implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return value.trim().equals("0") ? Duration.ZERO : new Durations().convert(value);
        }
    }

    @Override
    public Integer call() {
        if (max != null && max < 1) {
            throw new IllegalArgumentException("--max must be ≥ 1, got " + max);
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("--timeout must be ≥ 0, got " + timeout);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(consumerProperties(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            // resolve the start now: a lazy seek to the end would skip what arrives before the first poll
            partitions.forEach(consumer::position);
            err.printf("consume: reading %s records from %s (%d partitions), %s%n", fromBeginning ? "all" : "new", topic,
                    partitions.size(), stopsWhen());
            err.flush();

            long count = 0;
            Latencies visible = new Latencies();
            Latencies decided = new Latencies();
            long idleSince = System.nanoTime();
            String why = null;
            while (why == null) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(nextPoll(idleSince))) {
                    print(out, record);
                    if (latency) {
                        Latencies.measureAlert(record.value(), System.currentTimeMillis(), Long.MIN_VALUE, visible, decided);
                    }
                    count++;
                    idleSince = System.nanoTime();
                    if (max != null && count >= max) {
                        break;
                    }
                }
                out.flush();
                if (max != null && count >= max) {
                    why = "--max " + max + " reached";
                } else if (out.checkError()) {
                    why = "stdout closed";
                } else if (!timeout.isZero() && System.nanoTime() - idleSince >= timeout.toNanos()) {
                    why = "no new record for " + human(timeout);
                }
            }
            err.printf("consume: %d records from %s (%s)%n", count, topic, why);
            if (latency) {
                err.printf("consume: event time → received here: %s%n", visible.summary());
                err.printf("consume: event time → decided by the job (processed_at): %s%n", decided.summary());
            }
            err.flush();
            return 0;
        }
    }

    private Properties consumerProperties() {
        Properties p = new Properties();
        if (kafkaPropertiesFile != null) {
            try {
                p = JobOptions.readKafkaProperties(kafkaPropertiesFile);
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(METADATA_TIMEOUT.toMillis()));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "cxpulse-consume");
        return p;
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from Kafka at " + bootstrapServers + " (--kafka-bootstrap-servers) "
                    + "within " + human(METADATA_TIMEOUT));
        }
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("--topic: '" + topic + "' does not exist on " + bootstrapServers);
        }
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private Duration nextPoll(long idleSince) {
        if (timeout.isZero()) {
            return MAX_POLL;
        }
        long left = timeout.toNanos() - (System.nanoTime() - idleSince);
        return Duration.ofNanos(Math.max(0, Math.min(left, MAX_POLL.toNanos())));
    }

    private String stopsWhen() {
        String idle = timeout.isZero() ? "until interrupted" : "until " + human(timeout) + " without one";
        return max == null ? idle : "until " + max + " records or " + idle.replaceFirst("^until ", "");
    }

    /** {@code 30s}, {@code 1500ms}: as the flag was written, not {@code PT30S}. */
    private static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    private void print(PrintWriter out, ConsumerRecord<byte[], byte[]> record) {
        String value = record.value() == null ? "null" : new String(record.value(), StandardCharsets.UTF_8);
        if (format == Format.json) {
            out.println(value);
            return;
        }
        String key = record.key() == null ? "(none)" : new String(record.key(), StandardCharsets.UTF_8);
        out.printf("--- key=%s partition=%d offset=%d timestamp=%s%n", key, record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()));
        out.println(indented(value));
    }

    /** The value indented when it is JSON, else as it came. */
    private static String indented(String value) {
        try {
            JsonNode node = JSON.readTree(value);
            return node == null ? value : JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (IOException e) {
            return value;
        }
    }
}
