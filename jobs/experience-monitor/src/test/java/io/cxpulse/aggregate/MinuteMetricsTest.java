package io.cxpulse.aggregate;

import static io.cxpulse.aggregate.MetricTestData.alert;
import static io.cxpulse.aggregate.MetricTestData.at;
import static io.cxpulse.aggregate.MetricTestData.complaint;
import static io.cxpulse.aggregate.MetricTestData.late;
import static io.cxpulse.aggregate.MetricTestData.metric;
import static io.cxpulse.aggregate.MetricTestData.minuteEnd;
import static io.cxpulse.aggregate.MetricTestData.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxpulse.alerts.Alert;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Minute rows: on-time figures, late revisions, very-late part rows, cleanup, restore, alert minutes. */
class MinuteMetricsTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);

    static KeyedOneInputStreamOperatorTestHarness<String, MetricEvent, MetricRow> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new MinuteMetrics(LATENESS)),
                MetricEvent::minuteKey, Types.STRING);
    }

    static void send(KeyedOneInputStreamOperatorTestHarness<String, MetricEvent, MetricRow> h, MetricEvent e)
            throws Exception {
        h.processElement(new StreamRecord<>(e, e.eventTimeMs()));
    }

    private static List<StreamRecord<? extends MetricRow>> rows(
            KeyedOneInputStreamOperatorTestHarness<String, MetricEvent, MetricRow> h) {
        return h.extractOutputStreamRecords();
    }

    private static MetricRow only(KeyedOneInputStreamOperatorTestHarness<String, MetricEvent, MetricRow> h) {
        assertThat(h.extractOutputValues()).hasSize(1);
        return h.extractOutputValues().get(0);
    }

    @Test
    void anOnTimeMinuteIsEmittedOnceWithItsFiguresWhenTheWatermarkPassesItsEnd() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, metric(complaint(at(5, 1), "c1", "opened", "billing", -0.5f), "east"));
            send(h, metric(complaint(at(5, 20), "c2", "resolved", "billing", 0.25f), "east"));
            send(h, metric(complaint(at(5, 59), "c1", "closed", "billing", -0.75f), "east"));
            send(h, metric(late(complaint(at(5, 30), "c3", "updated", "billing", null)), "east"));
            // other dimensions and the next minute are rows of their own
            send(h, metric(complaint(at(5, 30), "c4", "opened", "billing", null), "west"));
            send(h, metric(complaint(at(6, 0), "c1", "opened", "billing", null), "east"));

            h.processWatermark(new Watermark(minuteEnd(5) - 2));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(new Watermark(minuteEnd(5) - 1));

            List<MetricRow> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            MetricRow east = out.stream().filter(r -> r.region().equals("east")).findFirst().orElseThrow();
            assertThat(east.bucketStartMs()).isEqualTo(at(5, 0));
            assertThat(east.grain()).isEqualTo("1m");
            assertThat(east.stream()).isEqualTo("complaint");
            assertThat(east.channel()).isEqualTo("app");
            assertThat(east.category()).isEqualTo("billing");
            assertThat(east.events()).isEqualTo(4);
            assertThat(east.sentimentCount()).isEqualTo(3);
            assertThat(east.sentimentSum()).isEqualTo(-1.0);
            assertThat(east.negativeCount()).isEqualTo(2);
            assertThat(east.complaintsOpened()).isEqualTo(1);
            assertThat(east.complaintsResolved()).isEqualTo(2);
            assertThat(east.activeCustomers()).isEqualTo(3);
            assertThat(east.lateEvents()).isEqualTo(1);
            assertThat(east.part()).isEmpty();
            assertThat(east.revision()).isEqualTo(1);
            assertThat(out).filteredOn(r -> r.region().equals("west")).singleElement()
                    .satisfies(r -> assertThat(r.events()).isEqualTo(1));
            assertThat(rows(h)).allSatisfy(r -> assertThat(r.getTimestamp()).isEqualTo(minuteEnd(5) - 1));

            h.processWatermark(new Watermark(minuteEnd(6) - 1));
            assertThat(h.extractOutputValues()).hasSize(3);
            assertThat(h.extractOutputValues().get(2).bucketStartMs()).isEqualTo(at(6, 0));
        }
    }

    @Test
    void waitsAndBreachesAreCountedPerServiceMinute() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, metric(service(at(0, 1), "c1", "call_answered", 1000L), "north"));
            send(h, metric(service(at(0, 2), "c2", "call_abandoned", 3000L), "north"));
            send(h, metric(service(at(0, 3), "c2", "sla_breached", null), "north"));
            h.processWatermark(new Watermark(minuteEnd(0)));
            MetricRow r = only(h);
            assertThat(r.stream()).isEqualTo("service_event");
            assertThat(r.waitCount()).isEqualTo(2);
            assertThat(r.waitMsSum()).isEqualTo(4000);
            assertThat(r.slaBreaches()).isEqualTo(1);
            assertThat(r.sentimentCount()).isZero();
            assertThat(r.activeCustomers()).isEqualTo(2);
        }
    }

    @Test
    void lateEventsWithinTheLatenessReviseTheRowOncePerWatermarkAdvance() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, metric(complaint(at(5, 1), "c1", "opened", "billing", -0.5f), "east"));
            h.processWatermark(new Watermark(minuteEnd(5) + 60_000));
            assertThat(only(h).revision()).isEqualTo(1);

            send(h, metric(late(complaint(at(5, 10), "c1", "updated", "billing", -0.5f)), "east"));
            send(h, metric(late(complaint(at(5, 11), "c2", "opened", "billing", null)), "east"));
            assertThat(h.extractOutputValues()).hasSize(1);
            h.processWatermark(new Watermark(minuteEnd(5) + 61_000));

            List<MetricRow> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            MetricRow revised = out.get(1);
            assertThat(revised.revision()).isEqualTo(2);
            assertThat(revised.events()).isEqualTo(3);
            assertThat(revised.complaintsOpened()).isEqualTo(2);
            assertThat(revised.sentimentSum()).isEqualTo(-1.0);
            assertThat(revised.activeCustomers()).isEqualTo(2);
            assertThat(revised.lateEvents()).isEqualTo(2);
            assertThat(revised.part()).isEmpty();
            assertThat(rows(h).get(1).getTimestamp()).isEqualTo(minuteEnd(5) - 1);

            // a watermark with nothing new re-emits nothing
            h.processWatermark(new Watermark(minuteEnd(5) + 120_000));
            assertThat(h.extractOutputValues()).hasSize(2);
        }
    }

    @Test
    void aMinuteFirstSeenLateIsStillEmittedAsItsFirstRevision() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processWatermark(new Watermark(minuteEnd(5) + 5 * 60_000));
            send(h, metric(late(complaint(at(5, 1), "c1", "opened", "billing", null)), "east"));
            h.processWatermark(new Watermark(minuteEnd(5) + 5 * 60_000 + 1));
            MetricRow r = only(h);
            assertThat(r.revision()).isEqualTo(1);
            assertThat(r.part()).isEmpty();
            assertThat(r.lateEvents()).isEqualTo(1);
        }
    }

    @Test
    void anEventBeyondTheLatenessGetsARowOfItsOwnAndKeepsNoState() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, metric(complaint(at(5, 1), "c1", "opened", "billing", null), "east"));
            h.processWatermark(new Watermark(minuteEnd(5) + LATENESS.toMillis()));
            assertThat(h.numKeyedStateEntries()).isZero();

            var veryLate = late(complaint(at(5, 2), "c2", "opened", "billing", -0.9f));
            send(h, metric(veryLate, "east"));
            List<MetricRow> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            MetricRow alone = out.get(1);
            assertThat(alone.part()).isEqualTo(veryLate.event().eventId());
            assertThat(alone.revision()).isEqualTo(1);
            assertThat(alone.bucketStartMs()).isEqualTo(at(5, 0));
            assertThat(alone.events()).isEqualTo(1);
            assertThat(alone.complaintsOpened()).isEqualTo(1);
            assertThat(alone.negativeCount()).isEqualTo(1);
            assertThat(alone.activeCustomers()).isEqualTo(1);
            assertThat(alone.lateEvents()).isEqualTo(1);
            assertThat(rows(h).get(1).getTimestamp()).isEqualTo(minuteEnd(5) - 1);
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void theStateIsLetGoOnceTheLatenessHasPassed() throws Exception {
        try (var h = harness()) {
            h.open();
            send(h, metric(complaint(at(5, 1), "c1", "opened", "billing", null), "east"));
            send(h, metric(complaint(at(5, 2), "c2", "opened", "billing", null), "east"));
            send(h, metric(complaint(at(7, 2), "c2", "opened", "billing", null), "east"));
            h.processWatermark(new Watermark(minuteEnd(5) + LATENESS.toMillis() - 1));
            assertThat(h.numKeyedStateEntries()).isGreaterThan(0);
            send(h, metric(late(complaint(at(5, 3), "c3", "opened", "billing", null)), "east"));
            h.processWatermark(new Watermark(minuteEnd(7) + LATENESS.toMillis()));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            // the last late event made it into a revision before the state went
            assertThat(h.extractOutputValues()).extracting(MetricRow::events).containsExactly(2L, 1L, 3L);
        }
    }

    @Test
    void aRestoreFromASnapshotMidMinuteGivesTheSameRows() throws Exception {
        List<MetricEvent> before = List.of(
                metric(complaint(at(5, 1), "c1", "opened", "billing", -0.5f), "east"),
                metric(service(at(5, 2), "c1", "call_answered", 2000L), "east"));
        List<MetricEvent> after = List.of(
                metric(complaint(at(5, 40), "c1", "updated", "billing", 0.5f), "east"),
                metric(complaint(at(5, 41), "c2", "opened", "billing", -0.25f), "east"),
                metric(service(at(5, 50), "c2", "call_answered", 4000L), "east"));

        List<MetricRow> uninterrupted;
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            for (MetricEvent e : before) {
                send(h, e);
            }
            snapshot = h.snapshot(1, at(5, 30));
            for (MetricEvent e : after) {
                send(h, e);
            }
            h.processWatermark(new Watermark(minuteEnd(5)));
            uninterrupted = h.extractOutputValues();
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            for (MetricEvent e : after) {
                send(h, e);
            }
            h.processWatermark(new Watermark(minuteEnd(5)));
            assertThat(h.extractOutputValues()).hasSize(2).containsExactlyInAnyOrderElementsOf(uninterrupted);
            // c1, seen before the snapshot, is still one customer of the minute after the restore
            assertThat(h.extractOutputValues()).filteredOn(r -> r.stream().equals("complaint")).singleElement()
                    .satisfies(r -> assertThat(r.activeCustomers()).isEqualTo(2));
        }
    }

    @Test
    void alertOpeningsAreCountedPerMinuteKindChannelAndRegion() throws Exception {
        try (var h = harness()) {
            h.open();
            List<Alert> alerts = List.of(
                    alert("complaint_spike", 1, at(5, 1), "app", "east"),
                    alert("complaint_spike", 1, at(5, 9), "app", "east"),
                    alert("complaint_spike", 2, at(4, 0), "app", "east"),
                    alert("sla_breach_surge", 1, at(5, 3), "", "east"));
            for (Alert a : alerts) {
                if (AlertMinutes.counts(a)) {
                    send(h, AlertMinutes.of(a));
                }
            }
            h.processWatermark(new Watermark(minuteEnd(5)));
            List<MetricRow> out = h.extractOutputValues();
            assertThat(out).hasSize(2).allSatisfy(r -> {
                assertThat(r.stream()).isEqualTo("alert");
                assertThat(r.bucketStartMs()).isEqualTo(at(5, 0));
                assertThat(r.region()).isEqualTo("east");
                assertThat(r.activeCustomers()).isZero();
                assertThat(r.events()).isEqualTo(r.alertsFired());
            });
            MetricRow spikes = out.stream().filter(r -> r.category().equals("complaint_spike")).findFirst().orElseThrow();
            assertThat(spikes.alertsFired()).isEqualTo(2);
            assertThat(spikes.channel()).isEqualTo("app");
            assertThat(out).filteredOn(r -> r.category().equals("sla_breach_surge")).singleElement()
                    .satisfies(r -> assertThat(r.alertsFired()).isEqualTo(1));
        }
        assertThatThrownBy(() -> AlertMinutes.of(alert("complaint_spike", 2, at(4, 0), "app", "east")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNegativeLatenessIsRefused() {
        assertThatThrownBy(() -> new MinuteMetrics(Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowedLateness");
    }
}
