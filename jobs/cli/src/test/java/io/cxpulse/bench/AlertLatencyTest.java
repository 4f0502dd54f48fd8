package io.cxpulse.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.cli.Latencies;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench's alert clock: from the trigger's send, per path and kind, openings of the live phase only. */
class AlertLatencyTest {

    private static final long LIVE_FROM = 1_000_000_000_000L;
    private static final long SENT = LIVE_FROM + 10_000;

    private static String alert(String kind, int revision, long eventTimeMs, long processedAtMs, String trigger) {
        return "{\"alert_id\":\"a-" + trigger + "\",\"revision\":" + revision + ",\"kind\":\"" + kind + "\","
                + "\"evidence_event_ids\":[\"" + trigger + "\",\"older\"],"
                + "\"event_time\":\"" + Instant.ofEpochMilli(eventTimeMs) + "\","
                + "\"processed_at\":\"" + Instant.ofEpochMilli(processedAtMs) + "\"}";
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static long p50(Map<String, Latencies> map, String key) {
        return map.get(key).percentile(0.5);
    }

    @Test
    void theClockStartsAtTheTriggersSendNotAtItsEventTime() {
        AlertLatency.Measured m = new AlertLatency.Measured();
        // the simulator stamped this event 4 s in the past on purpose; it was sent at SENT
        String opening = alert("vip_negative_experience", 1, SENT - 4_000, SENT + 150, "ev-1");
        m.addCxAlerts(bytes(opening), SENT + 9_000, LIVE_FROM, Map.of("ev-1", SENT));
        m.addWebhook(new WebhookReceiver.Delivery(SENT + 170, bytes("{\"text\":\"x\",\"cxpulse\":" + opening + "}")),
                LIVE_FROM, Map.of("ev-1", SENT));

        assertThat(p50(m.sinceSent, AlertLatency.DECIDED)).isEqualTo(150);
        assertThat(p50(m.sinceSent, AlertLatency.WEBHOOK)).isEqualTo(170);
        assertThat(p50(m.sinceSent, AlertLatency.CX_ALERTS)).isEqualTo(9_000);
        assertThat(p50(m.sinceSentByKind.get(AlertLatency.WEBHOOK), "vip_negative_experience")).isEqualTo(170);
        // from the event time the same alerts look 4 s slower
        assertThat(p50(m.sinceEventTime, AlertLatency.DECIDED)).isEqualTo(4_150);
        assertThat(p50(m.sinceEventTime, AlertLatency.WEBHOOK)).isEqualTo(4_170);
        // the decision is counted once, from cx.alerts, not again from the webhook
        assertThat(m.sinceSent.get(AlertLatency.DECIDED).count()).isEqualTo(1);
    }

    @Test
    void onlyOpeningsOfTheLivePhaseWithALiveTriggerAreClockedFromTheSend() {
        AlertLatency.Measured m = new AlertLatency.Measured();
        Map<String, Long> sent = Map.of("ev-1", SENT);
        // an update of an alert, an alert about the preloaded history, and an opening by a timer (no live trigger)
        m.addCxAlerts(bytes(alert("recovery", 2, SENT, SENT + 100, "ev-1")), SENT + 5_000, LIVE_FROM, sent);
        m.addCxAlerts(bytes(alert("recovery", 1, LIVE_FROM - 1, LIVE_FROM, "old")), SENT, LIVE_FROM, sent);
        m.addCxAlerts(bytes(alert("complaint_unresolved", 1, SENT, SENT + 300, "ev-timer")), SENT + 6_000, LIVE_FROM,
                sent);
        m.addCxAlerts(bytes("not json"), SENT, LIVE_FROM, sent);

        assertThat(m.sinceSent).isEmpty();
        assertThat(m.sinceEventTime.get(AlertLatency.CX_ALERTS).count()).isEqualTo(1);
        assertThat(p50(m.sinceEventTime, AlertLatency.CX_ALERTS)).isEqualTo(6_000);
    }
}
