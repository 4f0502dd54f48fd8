package io.cxpulse.forget;

import io.cxpulse.model.Topics;
import io.cxpulse.profile.Erasure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The erasure's Kafka side: a tombstone for the customer on the compacted {@code cx.customers} (so compaction drops her
 * profile, and the job clears her state), and the wait until the job has taken it in. The job commits its Kafka offsets
 * when a checkpoint completes, and a checkpoint completes only after every row before it has landed in ClickHouse: so
 * once its consumer group has committed past the tombstone, her state is cleared in a durable checkpoint and every row
 * the job wrote for her before the erasure is in ClickHouse, where the delete that follows finds it.
 */
final class ErasureTombstone {

    private ErasureTombstone() {}

    /** @param handles platform to handle: the job releases them (it keeps mentions' authors by handle) */
    static RecordMetadata send(Properties kafka, String customerId, Map<String, String> handles) throws Exception {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            // keyed like every profile, so it lands on her profiles' partition and is read after them
            ProducerRecord<byte[], byte[]> tombstone = new ProducerRecord<>(Topics.CUSTOMERS,
                    customerId.getBytes(StandardCharsets.UTF_8), null);
            handles.forEach((platform, handle) -> tombstone.headers().add(Erasure.HANDLE_HEADER_PREFIX + platform,
                    handle.getBytes(StandardCharsets.UTF_8)));
            return producer.send(tombstone).get(60, TimeUnit.SECONDS);
        }
    }

    /** @return the group's committed offset on the tombstone's partition, once it is past the tombstone */
    static long awaitCommittedPast(Properties kafka, String groupId, RecordMetadata tombstone, Duration timeout)
            throws Exception {
        TopicPartition partition = new TopicPartition(tombstone.topic(), tombstone.partition());
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(kafka)) {
            while (true) {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS).get(partition);
                if (committed != null && committed.offset() > tombstone.offset()) {
                    return committed.offset();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the job (Kafka consumer group '" + groupId + "') has not read "
                            + partition + " past the tombstone at offset " + tombstone.offset() + " within " + timeout
                            + " (committed: " + (committed == null ? "nothing" : committed.offset()) + "). Is it running? "
                            + "Nothing was deleted from ClickHouse; if the job is stopped, run forget again with --no-wait "
                            + "(the job clears her state when it next starts)");
                }
                Thread.sleep(500);
            }
        }
    }
}
