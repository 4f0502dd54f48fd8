package io.cxpulse.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.cli.Latencies;
import io.cxpulse.model.Topics;
import io.cxpulse.simulator.SimulatorRunner;
import io.cxpulse.simulator.SimulatorSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Event-to-alert latency of live traffic: simulator events at a steady rate for a while, {@code cx.alerts} read as a
 * downstream consumer does (read_committed), and the alerts the job posts to a {@link WebhookReceiver}.
 *
 * <p>The clock starts when the alert's trigger ({@code evidence_event_ids[0]}) was handed to the Kafka producer. Its
 * event time would be the wrong start: the simulator stamps 3 % of events up to 5 s in the past (late on purpose, to
 * exercise the watermarks), and an alert they trigger would count those seconds as the job's. Openings without a
 * live trigger (raised by a timer, or by an incident over a minute) are in the event-time figures only.
 *
 * @param sinceSent         per path ({@code decided}: the job's processed_at; {@code webhook}: posted to the receiver;
 *                          {@code cx_alerts}: read there), the delay from the trigger's send
 * @param sinceSentByKind   the same per path and alert kind
 * @param sinceEventTime    as sinceSent, from the alert's event_time, for every opening of the live phase
 */
record AlertLatency(Map<String, Latencies> sinceSent, Map<String, Map<String, Latencies>> sinceSentByKind,
        Map<String, Latencies> sinceEventTime, long eventsSent, long alertsRead, long webhookPosts, double rate,
        double seconds) {

    static final String DECIDED = "decided";
    static final String WEBHOOK = "webhook";
    static final String CX_ALERTS = "cx_alerts";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param drain how long to keep reading after the last event: alerts reach read_committed consumers only when the
     *              checkpoint that covers them completes
     */
    static AlertLatency measure(String bootstrapServers, SimulatorSettings live, Duration duration, Duration drain,
            WebhookReceiver webhook, PrintStream progress) throws InterruptedException {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Measured m = new Measured();
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
            // a duplicate the simulator sends again keeps its first send: the job acts on the first copy
            runner = new SimulatorRunner(producer, live, 0, duration, progress)
                    .onSend((r, at) -> {
                        if (r.eventId() != null) {
                            sentAt.putIfAbsent(r.eventId(), at);
                        }
                    });
            webhook.record(true);
            Thread sender = new Thread(runner, "bench-live-traffic");
            sender.setDaemon(true);
            sender.start();
            long readUntil = Long.MAX_VALUE;
            while (System.nanoTime() < readUntil) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    alerts++;
                    m.addCxAlerts(r.value(), System.currentTimeMillis(), live.startTimeMs(), sentAt);
                }
                if (readUntil == Long.MAX_VALUE && !sender.isAlive()) {
                    readUntil = System.nanoTime() + drain.toNanos();
                }
            }
            webhook.record(false);
        }
        if (runner.firstSendError() != null) {
            throw new IllegalStateException("live traffic: send to Kafka failed: " + runner.firstSendError().getMessage());
        }
        List<WebhookReceiver.Delivery> posts = webhook.deliveries();
        for (WebhookReceiver.Delivery d : posts) {
            m.addWebhook(d, live.startTimeMs(), sentAt);
        }
        return new AlertLatency(m.sinceSent, m.sinceSentByKind, m.sinceEventTime, runner.eventsSent(), alerts,
                posts.size(), live.eventsPerSecond(), duration.toMillis() / 1000.0);
    }

    /** The figures as they are gathered. */
    static final class Measured {
        final Map<String, Latencies> sinceSent = new TreeMap<>();
        final Map<String, Map<String, Latencies>> sinceSentByKind = new TreeMap<>();
        final Map<String, Latencies> sinceEventTime = new TreeMap<>();

        /** A webhook body carries the alert as cx.alerts has it, under {@code cxpulse}. */
        void addWebhook(WebhookReceiver.Delivery d, long notBeforeMs, Map<String, Long> sentAt) {
            try {
                add(WEBHOOK, Latencies.Opening.of(JSON.readTree(d.body()).path("cxpulse")), d.receivedAtMs(),
                        notBeforeMs, sentAt);
            } catch (IOException e) {
                // not a JSON body: nothing to measure
            }
        }

        /** A cx.alerts record also gives the job's own decision time. */
        void addCxAlerts(byte[] value, long receivedAtMs, long notBeforeMs, Map<String, Long> sentAt) {
            Latencies.Opening o = Latencies.Opening.of(value);
            add(CX_ALERTS, o, receivedAtMs, notBeforeMs, sentAt);
            if (o != null && o.processedAtMs() >= 0) {
                add(DECIDED, o, o.processedAtMs(), notBeforeMs, sentAt);
            }
        }

        private void add(String path, Latencies.Opening o, long atMs, long notBeforeMs, Map<String, Long> sentAt) {
            if (o == null || o.eventTimeMs() < notBeforeMs) {
                return; // not an opening, or one about the preloaded history
            }
            latencies(sinceEventTime, path).add(atMs - o.eventTimeMs());
            Long sent = sentAt.get(o.trigger());
            if (sent != null) {
                latencies(sinceSent, path).add(atMs - sent);
                latencies(sinceSentByKind.computeIfAbsent(path, k -> new TreeMap<>()), o.kind()).add(atMs - sent);
            }
        }

        private static Latencies latencies(Map<String, Latencies> map, String key) {
            return map.computeIfAbsent(key, k -> new Latencies());
        }
    }
}
