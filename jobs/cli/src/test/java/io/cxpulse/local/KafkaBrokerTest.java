package io.cxpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One broker life cycle end to end: it is slow to start, so the steps share one test. */
class KafkaBrokerTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String EVENTS = "events";
    private static final String PROFILES = "profiles";
    private static final String TX_TOPIC = "tx-out";

    @TempDir
    Path dir;

    @Test
    void servesPlainAndTransactionalClientsAndKeepsDataAcrossRestart() throws Exception {
        int port = Ports.free();
        int controllerPort = Ports.free();
        Map<String, Integer> topics = Map.of(EVENTS, 3, PROFILES, 1, TX_TOPIC, 1);
        TopicPartition events0 = new TopicPartition(EVENTS, 0);
        long pid;

        try (KafkaBroker broker = KafkaBroker.start(dir, port, controllerPort, START_TIMEOUT)) {
            pid = broker.pid();
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            broker.createTopics(topics, Set.of(PROFILES));
            broker.createTopics(topics, Set.of(PROFILES)); // again: existing topics are fine

            try (Admin admin = admin(broker)) {
                Map<String, TopicDescription> described = admin.describeTopics(topics.keySet()).allTopicNames().get();
                assertThat(described.get(EVENTS).partitions()).hasSize(3);
                ConfigResource profiles = new ConfigResource(ConfigResource.Type.TOPIC, PROFILES);
                assertThat(admin.describeConfigs(List.of(profiles)).all().get().get(profiles)
                        .get("cleanup.policy").value()).isEqualTo("compact");
            }

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker))) {
                producer.send(new ProducerRecord<>(EVENTS, 0, "c-1", "hello")).get();
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(broker, "read_uncommitted"))) {
                List<ConsumerRecord<String, String>> read = readAll(consumer, events0, 1);
                assertThat(read).extracting(ConsumerRecord::value).containsExactly("hello");
                consumer.commitSync(Map.of(events0, new OffsetAndMetadata(1)));
            }

            Properties tx = producerProps(broker);
            tx.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "cxpulse-test-tx");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(tx)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TX_TOPIC, 0, "k", "aborted"));
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TX_TOPIC, 0, "k", "committed"));
                producer.commitTransaction();
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(broker, "read_committed"))) {
                assertThat(readAll(consumer, new TopicPartition(TX_TOPIC, 0), 1))
                        .extracting(ConsumerRecord::value).containsExactly("committed");
            }

            broker.close();
            broker.close(); // idempotent
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }

        try (KafkaBroker restarted = KafkaBroker.start(dir, port, controllerPort, START_TIMEOUT)) {
            assertThat(restarted.pid()).isNotEqualTo(pid);
            try (Admin admin = admin(restarted)) {
                assertThat(admin.listTopics().names().get()).containsAll(topics.keySet());
            }
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(restarted, "read_uncommitted"))) {
                assertThat(readAll(consumer, events0, 1)).extracting(ConsumerRecord::value).containsExactly("hello");
                assertThat(consumer.committed(Set.of(events0)).get(events0).offset()).isEqualTo(1);
            }
            pid = restarted.pid();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    private static List<ConsumerRecord<String, String>> readAll(KafkaConsumer<String, String> consumer,
                                                               TopicPartition partition, int expected) {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (read.size() < expected && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(read::add);
        }
        // a moment more, so that a record that should not be there (an aborted one) would show up
        consumer.poll(Duration.ofMillis(300)).forEach(read::add);
        return read;
    }

    private static Admin admin(KafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static Properties producerProps(KafkaBroker broker) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }

    private static Properties consumerProps(KafkaBroker broker, String isolation) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "cxpulse-test");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }
}
