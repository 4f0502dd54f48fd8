package io.cxpulse.bench;

import io.cxpulse.ingest.Ingested;
import io.cxpulse.ingest.RecordDecoder;
import io.cxpulse.model.SourceRef;
import io.cxpulse.simulator.SimulatedRecord;
import io.cxpulse.simulator.Simulator;
import io.cxpulse.simulator.SimulatorSettings;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends the profiles, then {@code events} simulator records to the input topics as fast as Kafka takes them, and
 * counts what the jobs must write: the distinct event ids among the records the decoder accepts.
 *
 * @param expectedEvents distinct accepted event ids: the {@code events} rows a job has written when it is done
 */
record Preload(long profiles, long records, long malformed, long expectedEvents, double seconds) {

    /** Simulated records one at a time with their decoding, as both the preload and the insert ceiling read them. */
    interface Visitor {
        void visit(long index, SimulatedRecord record, Ingested decoded) throws Exception;
    }

    /** Replays the same {@code events} records (same settings, same bytes), decoded as the job's source decodes them. */
    static void replay(SimulatorSettings settings, long events, RecordDecoder decoder, Visitor visitor) throws Exception {
        Simulator simulator = new Simulator(settings);
        for (long i = 0; i < events; i++) {
            SimulatedRecord r = simulator.next();
            SourceRef source = new SourceRef(r.topic(), 0, i, r.eventTimeMs());
            visitor.visit(i, r, decoder.decode(source, r.keyBytes(), r.value()));
        }
    }

    static Preload send(String bootstrapServers, SimulatorSettings settings, long events, RecordDecoder decoder,
            PrintStream progress) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "cxpulse-bench-preload");
        long started = System.nanoTime();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Set<String> accepted = new HashSet<>();
        long[] malformed = {0};
        long profiles;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            var profileRecords = new Simulator(settings).profiles();
            for (SimulatedRecord r : profileRecords) {
                send(producer, r, failure);
            }
            producer.flush();
            profiles = profileRecords.size();
            long[] lastReport = {System.nanoTime()};
            replay(settings, events, decoder, (i, r, decoded) -> {
                send(producer, r, failure);
                if (decoded.event() != null) {
                    accepted.add(decoded.event().eventId());
                } else {
                    malformed[0]++;
                }
                if (System.nanoTime() - lastReport[0] > 5_000_000_000L) {
                    lastReport[0] = System.nanoTime();
                    progress.printf("bench: preload %d/%d records sent%n", i + 1, events);
                }
            });
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("preload: send to Kafka failed: " + failure.get().getMessage(), failure.get());
        }
        return new Preload(profiles, events, malformed[0], accepted.size(), (System.nanoTime() - started) / 1e9);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, SimulatedRecord r, AtomicReference<Exception> failure) {
        producer.send(new ProducerRecord<>(r.topic(), r.keyBytes(), r.value()), (m, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }
}
