package io.cxpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.local.KafkaBroker;
import io.cxpulse.local.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cxpulse consume} against a real broker, run in-process with stdout and stderr captured. */
class ConsumeCommandTest {

    private static final String HISTORY = "history";
    private static final String LIVE = "live";
    private static final String EMPTY = "empty";

    @TempDir
    static Path dir;
    private static KafkaBroker broker;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start(dir, Ports.free(), Ports.free(), Duration.ofSeconds(60));
        broker.createTopics(Map.of(HISTORY, 1, LIVE, 2, EMPTY, 1), Set.of());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(null))) {
            producer.send(new ProducerRecord<>(HISTORY, "c-1", "{\"alert_id\":\"a-1\",\"revision\":1}")).get();
            producer.send(new ProducerRecord<>(HISTORY, "c-2", "{\"alert_id\":\"a-2\",\"revision\":1}")).get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps("consume-test-tx"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(HISTORY, "c-x", "{\"alert_id\":\"aborted-1\"}"));
            producer.send(new ProducerRecord<>(HISTORY, "c-x", "{\"alert_id\":\"aborted-2\"}"));
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(HISTORY, "c-3", "{\"alert_id\":\"a-3\",\"revision\":2}"));
            producer.commitTransaction();
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private int consume(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "consume";
        all[1] = "--kafka-bootstrap-servers";
        all[2] = broker.bootstrapServers();
        System.arraycopy(args, 0, all, 3, args.length);
        return CxPulse.execute(all);
    }

    private List<String> stdoutLines() {
        String s = out.toString(StandardCharsets.UTF_8);
        return s.isEmpty() ? List.of() : List.of(s.split("\n"));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fromTheBeginningShowsCommittedRecordsOnlyThenStopsWhenIdle() {
        long start = System.nanoTime();
        assertThat(consume("--topic", HISTORY, "--from-beginning", "--timeout", "2s")).isEqualTo(0);

        assertThat(stdoutLines()).containsExactly("{\"alert_id\":\"a-1\",\"revision\":1}",
                "{\"alert_id\":\"a-2\",\"revision\":1}", "{\"alert_id\":\"a-3\",\"revision\":2}");
        assertThat(stderr()).contains("consume: 3 records from history (no new record for 2s)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void stopsAtMaxWithoutWaitingForTheTimeout() {
        long start = System.nanoTime();
        assertThat(consume("--topic", HISTORY, "--from-beginning", "--max", "2", "--timeout", "60s")).isEqualTo(0);

        assertThat(stdoutLines()).containsExactly("{\"alert_id\":\"a-1\",\"revision\":1}",
                "{\"alert_id\":\"a-2\",\"revision\":1}");
        assertThat(stderr()).contains("consume: 2 records from history (--max 2 reached)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void withoutFromBeginningOnlyRecordsThatArriveLaterAreShown() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(null))) {
            producer.send(new ProducerRecord<>(LIVE, 0, "c-0", "old")).get();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
                    () -> consume("--topic", LIVE, "--max", "2", "--timeout", "30s"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!stderr().contains("consume: reading new records from live (2 partitions)")) {
                assertThat(run).as(stderr()).isNotDone();
                assertThat(System.nanoTime()).as("consume started in time").isLessThan(deadline);
                Thread.sleep(20);
            }
            producer.send(new ProducerRecord<>(LIVE, 0, "c-1", "new-1")).get();
            producer.send(new ProducerRecord<>(LIVE, 1, "c-2", "new-2")).get();

            assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo(0);
        }
        assertThat(stdoutLines()).containsExactlyInAnyOrder("new-1", "new-2");
        assertThat(stderr()).contains("consume: 2 records from live (--max 2 reached)");
    }

    @Test
    void nothingNewEndsAfterTheTimeoutWithZeroRecords() {
        long start = System.nanoTime();
        assertThat(consume("--topic", EMPTY, "--timeout", "1s")).isEqualTo(0);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(stdoutLines()).isEmpty();
        assertThat(stderr()).contains("consume: 0 records from empty (no new record for 1s)");
        assertThat(took).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(20));
    }

    @Test
    void prettyShowsKeyPartitionOffsetAndAnIndentedValue() {
        assertThat(consume("--topic", HISTORY, "--from-beginning", "--max", "1", "--format", "pretty")).isEqualTo(0);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).startsWith("--- key=c-1 partition=0 offset=0 timestamp=20");
        assertThat(printed).contains("{\n  \"alert_id\" : \"a-1\",\n  \"revision\" : 1\n}");
    }

    @Test
    void aTopicThatDoesNotExistIsAUsageError() {
        assertThat(consume("--topic", "cx.nope", "--timeout", "1s")).isEqualTo(2);
        assertThat(stderr()).contains("--topic: 'cx.nope' does not exist on " + broker.bootstrapServers());
    }

    @Test
    void badFlagsAreUsageErrorsNamingTheFlag() {
        assertThat(CxPulse.execute("consume")).isEqualTo(2);
        assertThat(stderr()).contains("Missing required option: '--topic=TOPIC'");
        assertThat(CxPulse.execute("consume", "--topic", "cx.alerts", "--format", "xml")).isEqualTo(2);
        assertThat(stderr()).contains("Invalid value for option '--format'");
        assertThat(CxPulse.execute("consume", "--topic", "cx.alerts", "--timeout", "soon")).isEqualTo(2);
        assertThat(stderr()).contains("Invalid value for option '--timeout'", "'soon' is not a duration");
        assertThat(CxPulse.execute("consume", "--topic", "cx.alerts", "--max", "0")).isEqualTo(2);
        assertThat(stderr()).contains("--max must be ≥ 1, got 0");
        assertThat(CxPulse.execute("consume", "--topic", "cx.alerts",
                "--kafka-properties-file", "/nonexistent/k.properties")).isEqualTo(2);
        assertThat(stderr()).contains("--kafka-properties-file: /nonexistent/k.properties cannot be read");
    }

    private static Properties producerProps(String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return p;
    }
}
