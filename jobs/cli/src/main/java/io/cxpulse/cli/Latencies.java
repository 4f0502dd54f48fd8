package io.cxpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Delays in ms, summarised as percentiles: alert latency as {@code consume --latency} and {@code bench} measure it. */
public final class Latencies {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Long> delays = new ArrayList<>();

    public synchronized void add(long ms) {
        delays.add(ms);
    }

    public synchronized int count() {
        return delays.size();
    }

    /** The q-quantile (nearest rank), or -1 when there is none. */
    public synchronized long percentile(double q) {
        if (delays.isEmpty()) {
            return -1;
        }
        List<Long> sorted = delays.stream().sorted().toList();
        return sorted.get((int) Math.max(0, Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1)));
    }

    public synchronized String summary() {
        if (delays.isEmpty()) {
            return "no records with an event_time";
        }
        return String.format("n=%d p50=%d ms p90=%d ms p99=%d ms max=%d ms", delays.size(), percentile(0.50),
                percentile(0.90), percentile(0.99), percentile(1.0));
    }

    /**
     * What an alert record says about its timing, when it is an opening (revision 1, or no revision) with an ISO
     * {@code event_time}; null for updates, replays and records that are not such JSON.
     *
     * @param processedAtMs the job's decision time, -1 when the record carries none
     * @param trigger       {@code evidence_event_ids[0]}: the event that triggered it, "" when none
     */
    public record Opening(long eventTimeMs, long processedAtMs, String kind, String trigger) {

        public static Opening of(JsonNode n) {
            if (n == null || !n.hasNonNull("event_time") || n.path("revision").asInt(1) != 1) {
                return null;
            }
            try {
                long eventTime = Instant.parse(n.get("event_time").asText()).toEpochMilli();
                long processedAt = n.hasNonNull("processed_at")
                        ? Instant.parse(n.get("processed_at").asText()).toEpochMilli() : -1;
                return new Opening(eventTime, processedAt, n.path("kind").asText("unknown"),
                        n.path("evidence_event_ids").path(0).asText(""));
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        public static Opening of(byte[] value) {
            try {
                return value == null ? null : of(JSON.readTree(value));
            } catch (IOException e) {
                return null;
            }
        }
    }

    /**
     * Counts an alert record that is an {@link Opening} with an {@code event_time} at or after {@code notBeforeMs}:
     * its delay to {@code receivedAtMs} in {@code visible}, to its {@code processed_at} in {@code decided}.
     */
    public static void measureAlert(byte[] value, long receivedAtMs, long notBeforeMs, Latencies visible,
            Latencies decided) {
        Opening o = Opening.of(value);
        if (o == null || o.eventTimeMs() < notBeforeMs) {
            return;
        }
        visible.add(receivedAtMs - o.eventTimeMs());
        if (o.processedAtMs() >= 0) {
            decided.add(o.processedAtMs() - o.eventTimeMs());
        }
    }
}
