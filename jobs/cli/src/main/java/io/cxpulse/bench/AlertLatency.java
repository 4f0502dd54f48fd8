package io.cxpulse.bench;

import io.cxpulse.cli.Latencies;
import io.cxpulse.model.Topics;
import io.cxpulse.simulator.SimulatorRunner;
import io.cxpulse.simulator.SimulatorSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Event-to-alert latency of live traffic: simulator events at a steady rate for a while (event time = send time),
 * and {@code cx.alerts} read as a downstream consumer does (read_committed). Only openings caused by the live
 * traffic count: alerts whose event_time precedes the live phase are the preload's.
 *
 * @param visible event time → alert received here
 * @param decided event time → the job's processed_at
 * @param decidedByKind the same, per alert kind
 */
record AlertLatency(Latencies visible, Latencies decided, Map<String, Latencies> decidedByKind, long eventsSent,
        long alertsRead, double rate, double seconds) {

    /**
     * @param drain how long to keep reading after the last event: alerts reach read_committed consumers only when the
     *              checkpoint that covers them completes
     */
    static AlertLatency measure(String bootstrapServers, SimulatorSettings live, Duration duration, Duration drain,
            PrintStream progress) throws InterruptedException {
        Latencies visible = new Latencies();
        Latencies decided = new Latencies();
        Map<String, Latencies> decidedByKind = new TreeMap<>();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "cxpulse-bench-latency");
        long alerts = 0;
        SimulatorRunner runner;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS).stream()
                    .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);

            Properties producer = new Properties();
            producer.put("bootstrap.servers", bootstrapServers);
            runner = new SimulatorRunner(producer, live, 0, duration, progress);
            Thread sender = new Thread(runner, "bench-live-traffic");
            sender.setDaemon(true);
            sender.start();
            long readUntil = Long.MAX_VALUE;
            while (System.nanoTime() < readUntil) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    alerts++;
                    Latencies.measureAlert(r.value(), System.currentTimeMillis(), live.startTimeMs(), visible, decided,
                            decidedByKind);
                }
                if (readUntil == Long.MAX_VALUE && !sender.isAlive()) {
                    readUntil = System.nanoTime() + drain.toNanos();
                }
            }
        }
        if (runner.firstSendError() != null) {
            throw new IllegalStateException("live traffic: send to Kafka failed: " + runner.firstSendError().getMessage());
        }
        return new AlertLatency(visible, decided, decidedByKind, runner.eventsSent(), alerts, live.eventsPerSecond(),
                duration.toMillis() / 1000.0);
    }
}
