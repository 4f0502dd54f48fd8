package io.cxpulse.alerts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.alerts.Alert;
import io.cxpulse.alerts.AlertIds;
import io.cxpulse.alerts.AlertKind;
import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;
import io.cxpulse.model.SourceRef;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DetectViralMentionsTest {

    static final long T0 = 1_790_035_200_000L;
    static final long HOUR = 3_600_000L;
    private static final AtomicLong IDS = new AtomicLong();
    private static final String TEXT = "this brand ruined my week, never again";

    static EnrichedEvent mention(String customer, String handle, double hours, float sentiment, long followers,
            long likes, long shares) {
        long t = T0 + (long) (hours * HOUR);
        CxEvent e = new CxEvent("m" + IDS.incrementAndGet(), EventType.SOCIAL_MENTION, "mention", customer, t, "social",
                null, null, TEXT, null, null, null, null, null, null, null, "weibo", handle, followers, likes, shares,
                new SourceRef("cx.social", 0, 0, t), "{}");
        return new EnrichedEvent(e, false, sentiment, 0.9f, "en", "test", null, null, null, customer == null ? null : "event");
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, EnrichedEvent, Alert> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DetectViralMentions(OpsAlertSettings.defaults())),
                DetectViralMentions.byAuthor(), Types.STRING);
        h.open();
        return h;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, EnrichedEvent, Alert> h, EnrichedEvent e)
            throws Exception {
        h.processElement(new StreamRecord<>(e, e.event().eventTimeMs()));
        h.processWatermark(e.event().eventTimeMs());
    }

    @Test
    void aWideReachNegativePostOpensOncePerWindowAndResolvesAWindowAfterTheLast() throws Exception {
        try (var h = harness()) {
            EnrichedEvent first = mention("cust-1", "@loud", 0, -0.8f, 250_000, 10, 5);
            send(h, first);
            send(h, mention("cust-1", "@loud", 2, -0.7f, 250_000, 10, 5));
            send(h, mention("cust-1", "@loud", 5, -0.9f, 2_000_000, 10, 5));
            List<Alert> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            Alert open = out.get(0);
            assertThat(open.kind()).isEqualTo("viral_negative_mention");
            assertThat(open.status()).isEqualTo(Alert.OPEN);
            assertThat(open.severity()).isEqualTo("high");
            assertThat(open.customerId()).isEqualTo("cust-1");
            assertThat(open.channel()).isEqualTo("weibo");
            assertThat(open.routeTeam()).isEqualTo("social-care");
            assertThat(open.scopeType()).isEqualTo("mention");
            assertThat(open.alertId()).isEqualTo(
                    AlertIds.of(AlertKind.VIRAL_NEGATIVE_MENTION, "mention:cust-1", "post-" + first.event().eventId()));
            assertThat(open.evidenceEventIds()).containsExactly(first.event().eventId());
            assertThat(open.figure("followers")).isEqualTo(250_000);
            assertThat(open.reasonEn()).isEqualTo("Negative post on weibo (sentiment -0.80) reaching 250,000 followers, 15 likes and shares");
            assertThat(open.reasonEn() + open.reasonZh()).doesNotContain("ruined", "never again");

            h.processWatermark(T0 + 11 * HOUR - 1);
            assertThat(h.extractOutputValues()).hasSize(1);
            h.processWatermark(T0 + 11 * HOUR);
            out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            Alert resolved = out.get(1);
            assertThat(resolved.alertId()).isEqualTo(open.alertId());
            assertThat(resolved.status()).isEqualTo(Alert.RESOLVED);
            assertThat(resolved.revision()).isEqualTo(2);
            assertThat(resolved.eventTimeMs()).isEqualTo(T0 + 11 * HOUR);
            assertThat(resolved.figure("posts")).isEqualTo(3);
            assertThat(resolved.figure("peak_followers")).isEqualTo(2_000_000);

            // after the window, a new post is a new incident
            send(h, mention("cust-1", "@loud", 12, -0.9f, 2_000_000, 0, 0));
            out = h.extractOutputValues();
            assertThat(out).hasSize(3);
            assertThat(out.get(2).alertId()).isNotEqualTo(open.alertId());
            assertThat(out.get(2).severity()).isEqualTo("critical");
        }
    }

    @Test
    void fastEngagementFromAnUnattributedAuthorIsViralToo() throws Exception {
        try (var h = harness()) {
            send(h, mention(null, "@anon", 0, -0.5f, 800, 900, 300));
            List<Alert> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).scope()).isEqualTo("handle:weibo:@anon");
            assertThat(out.get(0).customerId()).isEmpty();
            assertThat(out.get(0).figure("engagement")).isEqualTo(1200);
        }
    }

    @Test
    void lowReachMildOrPositivePostsAndOtherEventsNeverAlert() throws Exception {
        try (var h = harness()) {
            send(h, mention("cust-2", "@small", 0, -0.9f, 5_000, 100, 20)); // low reach, slow
            send(h, mention("cust-3", "@star", 1, 0.8f, 5_000_000, 90_000, 9_000)); // positive
            send(h, mention("cust-4", "@meh", 2, -0.2f, 500_000, 0, 0)); // barely negative
            long t = T0 + 3 * HOUR;
            CxEvent complaint = new CxEvent("c1", EventType.COMPLAINT, "opened", "cust-5", t, "app", "billing_refund",
                    "k1", TEXT, null, null, null, null, null, null, null, null, null, 900_000L, 5_000L, 5_000L,
                    new SourceRef("cx.complaints", 0, 0, t), "{}");
            send(h, new EnrichedEvent(complaint, false, -0.9f, 0.9f, "en", "test", "billing_refund", "producer",
                    "billing", "event"));
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }
}
