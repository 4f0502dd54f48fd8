package io.cxpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.model.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Sends a file of JSON events, one per line, to an input topic, keyed by customer_id. Lines are sent byte for byte,
 * broken ones too: the job, not this command, decides what is valid, so this is also how to test the dead letter.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Send JSON events (one per line) from a file or stdin to a Kafka topic, keyed by customer_id.")
public final class ProduceCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--topic", required = true, description = "One of: ${COMPLETION-CANDIDATES}.",
            completionCandidates = InputTopics.class)
    String topic;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "Events, one JSON object per line; - for stdin.")
    String file;

    @Option(names = "--kafka-bootstrap-servers", defaultValue = "127.0.0.1:9092",
            description = "Kafka brokers. Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    static final class InputTopics extends ArrayList<String> {
        InputTopics() {
            super(Topics.INPUT_TOPICS);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!Topics.INPUT_TOPICS.contains(topic)) {
            throw new IllegalArgumentException("--topic: '" + topic + "' is not an input topic; use one of " + Topics.INPUT_TOPICS);
        }
        List<byte[]> lines = readLines();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        int keyed = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (byte[] line : lines) {
                byte[] key = customerIdOf(line);
                keyed += key == null ? 0 : 1;
                sent.add(producer.send(new ProducerRecord<>(topic, key, line)));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
        System.out.printf("sent %d records to %s (%d keyed by customer_id) via %s%n", lines.size(), topic, keyed,
                bootstrapServers);
        return 0;
    }

    /** Splits on newlines as bytes, so lines that are not UTF-8 reach Kafka unchanged. */
    private List<byte[]> readLines() throws IOException {
        byte[] all;
        try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
            all = in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--file: " + Path.of(file).toAbsolutePath() + " does not exist");
        }
        List<byte[]> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int i = 0; i <= all.length; i++) {
            if (i == all.length || all[i] == '\n') {
                byte[] bytes = line.toByteArray();
                int end = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                if (end > 0 && !new String(bytes, 0, end, StandardCharsets.UTF_8).isBlank()) {
                    lines.add(java.util.Arrays.copyOf(bytes, end));
                }
                line.reset();
            } else {
                line.write(all[i]);
            }
        }
        return lines;
    }

    private static byte[] customerIdOf(byte[] line) {
        try {
            JsonNode n = JSON.readTree(line);
            JsonNode id = n == null ? null : n.get("customer_id");
            return id != null && id.isTextual() ? id.asText().getBytes(StandardCharsets.UTF_8) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
