package io.cxpulse.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;
import io.cxpulse.model.SourceRef;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

class DedupeByEventIdTest {

    static CxEvent click(String id, long offset) {
        return click(id, "c1", offset);
    }

    static CxEvent click(String id, String customer, long offset) {
        return new CxEvent(id, EventType.CLICK, "view", customer, 1_000L, null, null, "s", null, null, null, null, null,
                null, null, "/", null, null, null, null, null, new SourceRef("cx.clicks", 0, offset, 1_000L), "{}");
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CxEvent, CxEvent> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DedupeByEventId(Duration.ofHours(1))), DedupeByEventId::keyOf, Types.STRING);
    }

    @Test
    void letsTheFirstCopyThroughAndDropsRetries() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(click("a", 1), 1_000L));
            h.processElement(new StreamRecord<>(click("b", 2), 1_000L));
            h.processElement(new StreamRecord<>(click("a", 3), 1_000L));
            assertThat(h.extractOutputValues()).extracting(e -> e.source().offset()).containsExactly(1L, 2L);
        }
    }

    @Test
    void remembersEachIdOfACustomerOnItsOwnAndCustomersApart() throws Exception {
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(click("a", "c1", 1), 1_000L));
            h.processElement(new StreamRecord<>(click("b", "c1", 2), 1_000L));
            h.processElement(new StreamRecord<>(click("a", "c2", 3), 1_000L)); // same id, another customer: her event
            h.processElement(new StreamRecord<>(click("b", "c1", 4), 1_000L));
            h.processElement(new StreamRecord<>(click("x", null, 5), 1_000L)); // no customer: keyed by its id
            h.processElement(new StreamRecord<>(click("x", null, 6), 1_000L));
            assertThat(h.extractOutputValues()).extracting(e -> e.source().offset()).containsExactly(1L, 2L, 3L, 5L);
        }
    }

    @Test
    void keysByTheCustomerLikeTheScoringSoHerEventsKeepTheirOrder() {
        assertThat(DedupeByEventId.keyOf(click("a", "c1", 1))).isEqualTo("c1");
        assertThat(DedupeByEventId.keyOf(click("b", "c1", 2))).isEqualTo("c1");
        assertThat(DedupeByEventId.keyOf(click("a", null, 3))).isNotEqualTo(DedupeByEventId.keyOf(click("b", null, 4)))
                .isNotEqualTo("a");
        assertThat(DedupeByEventId.keyOf(click("a", "", 5))).isEqualTo(DedupeByEventId.keyOf(click("a", null, 6)));
    }

    @Test
    void remembersIdsAcrossARestoreFromSnapshot() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            h.processElement(new StreamRecord<>(click("a", 1), 1_000L));
            snapshot = h.snapshot(1L, 1L);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            h.processElement(new StreamRecord<>(click("a", 5), 1_000L));
            h.processElement(new StreamRecord<>(click("c", 6), 1_000L));
            List<CxEvent> out = h.extractOutputValues();
            assertThat(out).extracting(CxEvent::eventId).containsExactly("c");
        }
    }

    @Test
    void flagsEventsBehindTheWatermarkAsLateButKeepsThem() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(
                new org.apache.flink.streaming.api.operators.ProcessOperator<>(new FlagLateEvents()))) {
            h.open();
            h.processElement(new StreamRecord<>(click("on-time", 1), 1_000L));
            h.processWatermark(5_000L);
            h.processElement(new StreamRecord<>(click("late", 2), 1_000L));
            assertThat(h.extractOutputValues()).extracting(a -> a.event().eventId() + ":" + a.late())
                    .containsExactly("on-time:false", "late:true");
        }
    }
}
