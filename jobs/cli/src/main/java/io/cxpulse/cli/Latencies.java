package io.cxpulse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
     * Counts an alert record that is an opening (revision 1, or no revision) with an {@code event_time} at or after
     * {@code notBeforeMs}: its delay to {@code receivedAtMs} in {@code visible}, to its {@code processed_at} in
     * {@code decided}. Updates, replays and records that are not JSON with an ISO event_time are not counted.
     */
    public static void measureAlert(byte[] value, long receivedAtMs, long notBeforeMs, Latencies visible,
            Latencies decided) {
        measureAlert(value, receivedAtMs, notBeforeMs, visible, decided, null);
    }

    /**
     * As above, and the decision delay also into {@code decidedByKind} under the alert's kind (when not null): the
     * kinds differ by design (an incident is judged when its minute closes, a mention may wait for its author's
     * profile), so one percentile over all of them says little.
     */
    public static void measureAlert(byte[] value, long receivedAtMs, long notBeforeMs, Latencies visible,
            Latencies decided, Map<String, Latencies> decidedByKind) {
        try {
            JsonNode n = value == null ? null : JSON.readTree(value);
            if (n == null || !n.hasNonNull("event_time") || n.path("revision").asInt(1) != 1) {
                return;
            }
            long eventTime = Instant.parse(n.get("event_time").asText()).toEpochMilli();
            if (eventTime < notBeforeMs) {
                return;
            }
            visible.add(receivedAtMs - eventTime);
            if (n.hasNonNull("processed_at")) {
                long ms = Instant.parse(n.get("processed_at").asText()).toEpochMilli() - eventTime;
                decided.add(ms);
                if (decidedByKind != null) {
                    decidedByKind.computeIfAbsent(n.path("kind").asText("unknown"), k -> new Latencies()).add(ms);
                }
            }
        } catch (IOException | DateTimeParseException e) {
            // not a JSON record with an ISO event_time: nothing to measure
        }
    }
}
