package io.cxpulse.simulator;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends the simulated stream to Kafka at the configured rate by wall clock: profiles first, then events, until
 * {@link #stop()}, the event limit or the duration is reached. Runs on the caller's thread or a background one
 * (the local demo). Progress lines carry counts only, never customer text.
 */
public final class SimulatorRunner implements Runnable {

    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Properties producerProps;
    private final SimulatorSettings settings;
    private final long maxEvents;
    private final Duration maxDuration;
    private final PrintStream progressOut;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong malformedSent = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicReference<Exception> firstSendError = new AtomicReference<>();
    private volatile boolean stopping;
    private volatile SendListener sendListener;

    /** Told of every event record as it is handed to the producer: a latency clock that starts when the event leaves. */
    public interface SendListener {
        void sent(SimulatedRecord record, long sentAtMs);
    }

    /** @param maxEvents events to send after the profiles; 0 for no limit */
    public SimulatorRunner(Properties producerProps, SimulatorSettings settings, long maxEvents) {
        this(producerProps, settings, maxEvents, null, System.out);
    }

    /**
     * @param maxDuration how long to send events for; null for no limit
     * @param progressOut where progress lines go every 5 s; null for silence
     */
    public SimulatorRunner(Properties producerProps, SimulatorSettings settings, long maxEvents, Duration maxDuration,
            PrintStream progressOut) {
        if (maxEvents < 0) {
            throw new IllegalArgumentException("--max-events must be ≥ 0 (0 = unlimited), got " + maxEvents);
        }
        this.producerProps = producerConfig(producerProps);
        this.settings = settings;
        this.maxEvents = maxEvents;
        this.maxDuration = maxDuration;
        this.progressOut = progressOut;
    }

    /** @param listener told of each event sent from now on (not of the profiles) */
    public SimulatorRunner onSend(SendListener listener) {
        this.sendListener = listener;
        return this;
    }

    /** The producer settings used: the caller's, with safe defaults for whatever they leave out. */
    static Properties producerConfig(Properties given) {
        Properties p = new Properties();
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "cxpulse-simulator");
        p.putAll(given);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    @Override
    public void run() {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps)) {
            Simulator simulator = new Simulator(settings);
            for (SimulatedRecord profile : simulator.profiles()) {
                if (stopping) {
                    break;
                }
                send(producer, profile);
            }
            producer.flush();
            report("profiles sent: " + settings.customers());
            sendEvents(producer, simulator);
            producer.flush();
        } finally {
            report(String.format("simulator stopped: %d events sent, %d malformed, %d send errors",
                    sent.get(), malformedSent.get(), sendErrors.get()));
            finished.countDown();
        }
    }

    private void sendEvents(KafkaProducer<byte[], byte[]> producer, Simulator simulator) {
        double nanosPerEvent = 1e9 / settings.eventsPerSecond();
        // paced to the event timeline: each event leaves when the wall clock reaches its nominal event time, so the time
        // spent sending the profiles does not age every event (which would show as latency downstream); a start time in
        // the past is caught up at full speed
        long start = System.nanoTime() - (System.currentTimeMillis() - settings.startTimeMs()) * 1_000_000L;
        long began = System.nanoTime();
        long deadline = maxDuration == null ? Long.MAX_VALUE : began + maxDuration.toNanos();
        long nextReport = began + PROGRESS_EVERY_NANOS;
        long sentAtLastReport = 0;
        long lastReport = began;
        long i = 0;
        while (!stopping && (maxEvents == 0 || i < maxEvents)) {
            long now = System.nanoTime();
            if (now >= deadline) {
                break;
            }
            long due = start + (long) (i * nanosPerEvent);
            if (due > now) {
                sleepNanos(Math.min(due - now, deadline - now));
                continue;
            }
            SimulatedRecord record = simulator.next();
            send(producer, record);
            SendListener listener = sendListener;
            if (listener != null) {
                listener.sent(record, System.currentTimeMillis());
            }
            sent.incrementAndGet();
            if (record.malformed()) {
                malformedSent.incrementAndGet();
            }
            i++;
            if (now >= nextReport) {
                long total = sent.get();
                double rate = (total - sentAtLastReport) * 1e9 / (now - lastReport);
                report(String.format("events sent: %d, rate: %.0f/s, malformed sent: %d, send errors: %d",
                        total, rate, malformedSent.get(), sendErrors.get()));
                sentAtLastReport = total;
                lastReport = now;
                nextReport = now + PROGRESS_EVERY_NANOS;
            }
        }
    }

    private void send(KafkaProducer<byte[], byte[]> producer, SimulatedRecord r) {
        producer.send(new ProducerRecord<>(r.topic(), r.keyBytes(), r.value()), (metadata, error) -> {
            if (error != null) {
                sendErrors.incrementAndGet();
                firstSendError.compareAndSet(null, error);
            }
        });
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.max(nanos, 100_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void report(String line) {
        if (progressOut != null) {
            progressOut.println(line);
            progressOut.flush();
        }
    }

    /** Asks the runner to finish: it stops sending, flushes and closes the producer. */
    public void stop() {
        stopping = true;
    }

    /** Waits for {@link #run()} to have finished; true if it did within the timeout. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public long eventsSent() {
        return sent.get();
    }

    public long malformedSent() {
        return malformedSent.get();
    }

    public long sendErrors() {
        return sendErrors.get();
    }

    /** The first failed send, if any: exposes the cause without logging the record. */
    public Exception firstSendError() {
        return firstSendError.get();
    }
}
