package io.cxpulse.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.model.Topics;
import io.cxpulse.simulator.SimulatedRecord;
import io.cxpulse.simulator.Simulator;
import io.cxpulse.simulator.SimulatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;

/**
 * The same records, in the same partitions and order, for every run of the fault-injection tests, shaped so that a
 * fault-free run of the job always ends with the same rows.
 *
 * <p>What in the job depends on timing rather than on the input, and how the input avoids it:
 * <ul>
 *   <li>Lateness (the {@code late} flag, metrics revisions and late rows) depends on how far the watermark has got when
 *       an event arrives. Every partition is in event-time order up to the simulator's own disorder (≤ 5.2 s), inside
 *       the job's out-of-orderness bound here (10 s), so the watermark never passes an event before it is read. A
 *       partition that goes idle no longer holds the watermark back, so the runs use an idle timeout (60 s) longer than
 *       any stall a fault causes, and the input ends with one event on every event partition two minutes after the rest
 *       ({@link #TAIL_GAP_MS}): the final watermark is then the same whatever order the partitions fall idle in.</li>
 *   <li>Profiles are sent, and stored, before any event: a customer's first events would otherwise race her profile
 *       into the scoring (scores without the account manager, then re-published). A quiet profile partition counts as idle
 *       after 5 s (IngestWatermarks.forProfiles), so a restored job, with no profile left to read, runs on almost at
 *       once: this input once needed a fresh profile on every profile partition after a restore, or event time stood
 *       still for the whole idle timeout.</li>
 *   <li>A mention that carries only a handle its author's profile claims reaches the customer's state by another path
 *       (through the handle resolution) than her other events, so its order among her nearby events depends on timing:
 *       those are left out (ExperienceMonitorEndToEndTest covers them). Strangers' mentions (no profile claims their
 *       handle) stay: with {@code --handle-wait 1ms} they are released before the watermark can pass them. They all go
 *       to partition 0, so one author's mentions keep their order.</li>
 *   <li>Likewise a customer's events on different topics: Kafka orders a partition, not the partitions of four
 *       topics, so which of her nearby click and complaint reaches her state first depends on how the partitions are
 *       fetched, and a catch-up after a fault fetches them in large runs. The scores are computed in arrival order,
 *       and the alerts that follow a score's trajectory (a recovery: sentiment rebounding after a resolved complaint)
 *       then differ: found by this test. So each customer's events come from one stream here
 *       ({@link #streamOf}).</li>
 *   <li>The runs have parallelism 2. The dedupe step is keyed by customer, like her scoring, so her events reach her
 *       state over one channel, in partition order, which no fault changes. (It was keyed by event_id once: her
 *       events then crossed on two channels, two of them in flight together reached her scoring in either order, and
 *       her alerts differed from run to run, even with one stream per customer. Found by this test.)</li>
 *   <li>Kafka timestamps are the send time, so {@code ingest_errors.kafka_timestamp} and the processing-time columns
 *       are left out of the comparison, not the records themselves.</li>
 * </ul>
 */
final class DeterministicInput {

    static final long START_MS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    static final long SEED = 8;
    static final int CUSTOMERS = 150;
    /** Event-time spacing: 8,000 records span about 27 minutes of event time. */
    static final double EVENTS_PER_SECOND = 5;
    static final int RECORDS = 8_000;
    static final long TAIL_GAP_MS = 120_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<ProducerRecord<byte[], byte[]>> profiles = new ArrayList<>();
    /** Events, retries and malformed records, then the tail (events, then profiles): in sending order. */
    final List<ProducerRecord<byte[], byte[]>> events = new ArrayList<>();
    final Set<String> eventIds = new LinkedHashSet<>();
    int malformed;
    int leftOutHandleMentions;
    int leftOutOtherStreams;

    static DeterministicInput build() {
        DeterministicInput in = new DeterministicInput();
        Simulator simulator = new Simulator(new SimulatorSettings(SEED, CUSTOMERS, EVENTS_PER_SECOND, 0.02, START_MS));
        List<SimulatedRecord> drawn = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            drawn.add(simulator.next());
        }
        long endMs = drawn.stream().mapToLong(SimulatedRecord::eventTimeMs).max().orElseThrow();
        String stamp = "\"updated_at\":\"" + Instant.ofEpochMilli(endMs + TAIL_GAP_MS) + "\"";
        Set<String> claimedHandles = new HashSet<>();
        for (SimulatedRecord p : simulator.profiles()) {
            JsonNode handles = tree(p.value()).path("handles");
            handles.fieldNames().forEachRemaining(platform -> claimedHandles.add(platform + ":" + handles.get(platform).asText()));
            String value = new String(p.value(), StandardCharsets.UTF_8).replaceFirst("\"updated_at\":\"[^\"]*\"", stamp);
            in.profiles.add(record(p.topic(), p.key(), value.getBytes(StandardCharsets.UTF_8)));
        }
        for (SimulatedRecord r : drawn) {
            if (r.malformed()) {
                in.malformed++;
            } else {
                JsonNode event = tree(r.value());
                if (r.key() != null && !r.topic().equals(streamOf(r.key()))) {
                    in.leftOutOtherStreams++;
                    continue;
                }
                if (r.key() == null && claimedHandles.contains(event.path("platform").asText() + ":"
                        + event.path("author_handle").asText())) {
                    in.leftOutHandleMentions++;
                    continue;
                }
                in.eventIds.add(event.get("event_id").asText());
            }
            in.events.add(record(r.topic(), r.key(), r.value()));
        }
        in.addTail(drawn, endMs + TAIL_GAP_MS);
        return in;
    }

    /** The one stream a customer's events come from in this input. */
    private static String streamOf(String customerId) {
        return Topics.EVENT_TOPICS.get(Math.floorMod(customerId.hashCode(), Topics.EVENT_TOPICS.size()));
    }

    /** One event per event partition, each for a customer of its own, {@link #TAIL_GAP_MS} after the rest. */
    private void addTail(List<SimulatedRecord> drawn, long timeMs) {
        for (String topic : Topics.EVENT_TOPICS) {
            SimulatedRecord model = drawn.stream()
                    .filter(r -> r.topic().equals(topic) && !r.malformed() && r.key() != null)
                    .reduce((a, b) -> b).orElseThrow();
            for (int partition = 0; partition < LocalStack.PARTITIONS; partition++) {
                String id = "tail-" + topic + "-" + partition;
                String value = new String(model.value(), StandardCharsets.UTF_8)
                        .replaceFirst("\"event_id\":\"[^\"]*\"", "\"event_id\":\"" + id + "\"")
                        .replaceFirst("\"event_time\":\"[^\"]*\"", "\"event_time\":\"" + Instant.ofEpochMilli(timeMs) + "\"")
                        .replaceFirst("\"customer_id\":\"[^\"]*\"", "\"customer_id\":\"" + id + "\"");
                events.add(new ProducerRecord<>(topic, partition, id.getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8)));
                eventIds.add(id);
            }
        }
    }

    /** Explicit partitions: the producer's own choice for records without a key would differ from run to run. */
    private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        int partition = keyBytes == null ? 0 : Utils.toPositive(Utils.murmur2(keyBytes)) % LocalStack.PARTITIONS;
        return new ProducerRecord<>(topic, partition, keyBytes, value);
    }

    private static JsonNode tree(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException("simulated record is not JSON", e);
        }
    }
}
