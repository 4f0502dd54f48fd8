package io.cxpulse.aggregate;

import static io.cxpulse.aggregate.MetricTestData.T0;
import static io.cxpulse.aggregate.MetricTestData.at;
import static io.cxpulse.aggregate.MetricTestData.complaint;
import static io.cxpulse.aggregate.MetricTestData.late;
import static io.cxpulse.aggregate.MetricTestData.metric;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Hourly and daily rollups of minute rows: sums, late revisions replacing a minute, part rows, cleanup. */
class RollupMetricsTest {

    private static final Duration LATENESS = Duration.ofMinutes(10);
    private static final long HOUR = 3_600_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, MetricRow, MetricRow> harness(Grain grain)
            throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RollupMetrics(grain, LATENESS)),
                (MetricRow r) -> RollupMetrics.keyOf(grain, r), Types.STRING);
        h.open();
        return h;
    }

    /** A minute row of complaints in region east, as {@link MinuteMetrics} emits it. */
    private static MetricRow minute(long start, long events, double sentimentSum, long active, String part,
            long revision) {
        return new MetricRow(start, "1m", "complaint", "app", "billing", "east", events, events, sentimentSum, 1, 2, 1,
                0, 1, 500, active, 0, 0, part, revision);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, MetricRow, MetricRow> h, MetricRow r)
            throws Exception {
        h.processElement(new StreamRecord<>(r, Grain.MINUTE.endOf(r.bucketStartMs()) - 1));
    }

    @Test
    void anHourIsTheSumOfItsMinutesWithThePeakMinutesCustomers() throws Exception {
        try (var h = harness(Grain.HOUR)) {
            send(h, minute(at(0, 0), 3, -0.5, 2, "", 1));
            send(h, minute(at(1, 0), 5, 0.25, 4, "", 1));
            send(h, minute(at(59, 0), 2, -1.0, 1, "", 1));
            send(h, minute(at(60, 0), 7, 0, 7, "", 1)); // the next hour
            h.processWatermark(new Watermark(T0 + HOUR - 2));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processWatermark(new Watermark(T0 + HOUR - 1));

            List<MetricRow> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            MetricRow hour = out.get(0);
            assertThat(hour.bucketStartMs()).isEqualTo(T0);
            assertThat(hour.grain()).isEqualTo("1h");
            assertThat(hour.events()).isEqualTo(10);
            assertThat(hour.sentimentCount()).isEqualTo(10);
            assertThat(hour.sentimentSum()).isEqualTo(-1.25);
            assertThat(hour.negativeCount()).isEqualTo(3);
            assertThat(hour.complaintsOpened()).isEqualTo(6);
            assertThat(hour.complaintsResolved()).isEqualTo(3);
            assertThat(hour.waitCount()).isEqualTo(3);
            assertThat(hour.waitMsSum()).isEqualTo(1500);
            assertThat(hour.activeCustomers()).isEqualTo(4);
            assertThat(hour.revision()).isEqualTo(1);
            assertThat(hour.part()).isEmpty();
            assertThat(h.extractOutputStreamRecords().get(0).getTimestamp()).isEqualTo(T0 + HOUR - 1);
        }
    }

    @Test
    void aLateMinuteRevisionReplacesThatMinuteRatherThanAddingToIt() throws Exception {
        try (var h = harness(Grain.HOUR)) {
            send(h, minute(at(0, 0), 3, -0.5, 2, "", 1));
            send(h, minute(at(1, 0), 5, 0.25, 4, "", 1));
            h.processWatermark(new Watermark(T0 + HOUR));
            send(h, minute(at(1, 0), 6, 0.5, 5, "", 2));
            h.processWatermark(new Watermark(T0 + HOUR + 1000));
            // an overtaken revision of the same minute changes nothing
            send(h, minute(at(1, 0), 5, 0.25, 4, "", 1));
            h.processWatermark(new Watermark(T0 + HOUR + 2000));

            List<MetricRow> out = h.extractOutputValues();
            assertThat(out).extracting(MetricRow::revision).containsExactly(1L, 2L);
            assertThat(out).extracting(MetricRow::events).containsExactly(8L, 9L);
            assertThat(out.get(1).sentimentSum()).isEqualTo(0.0);
            assertThat(out.get(1).activeCustomers()).isEqualTo(5);
            assertThat(h.extractOutputStreamRecords().get(1).getTimestamp()).isEqualTo(T0 + HOUR - 1);
        }
    }

    @Test
    void rowsOfSingleVeryLateEventsPassThroughWithTheirPart() throws Exception {
        try (var h = harness(Grain.HOUR)) {
            send(h, minute(at(5, 0), 1, -0.9, 1, "e42", 1));
            List<MetricRow> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            MetricRow r = out.get(0);
            assertThat(r.part()).isEqualTo("e42");
            assertThat(r.grain()).isEqualTo("1h");
            assertThat(r.bucketStartMs()).isEqualTo(T0);
            assertThat(r.revision()).isEqualTo(1);
            assertThat(r).usingRecursiveComparison().ignoringFields("bucketStartMs", "grain")
                    .isEqualTo(minute(at(5, 0), 1, -0.9, 1, "e42", 1));
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aDayRollsUpItsMinutesAcrossHoursAndLetsGoOfItsState() throws Exception {
        try (var h = harness(Grain.DAY)) {
            send(h, minute(at(0, 0), 3, 0, 2, "", 1));
            send(h, minute(at(600, 0), 4, 0, 3, "", 1));
            send(h, minute(at(1439, 0), 1, 0, 1, "", 1));
            h.processWatermark(new Watermark(T0 + 24 * HOUR - 1));
            assertThat(h.extractOutputValues()).singleElement().satisfies(d -> {
                assertThat(d.grain()).isEqualTo("1d");
                assertThat(d.bucketStartMs()).isEqualTo(T0);
                assertThat(d.events()).isEqualTo(8);
                assertThat(d.activeCustomers()).isEqualTo(3);
            });
            assertThat(h.numKeyedStateEntries()).isGreaterThan(0);
            h.processWatermark(new Watermark(T0 + 24 * HOUR + LATENESS.toMillis()));
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void minuteRowsFromMinuteMetricsRollUpToTheSameTotalsAfterLateRevisionsAndVeryLateEvents() throws Exception {
        try (var minutes = MinuteMetricsTest.harness(); var hours = harness(Grain.HOUR)) {
            minutes.open();
            Chain chain = new Chain(minutes, hours);
            MinuteMetricsTest.send(minutes, metric(complaint(at(2, 1), "c1", "opened", "billing", -0.5f), "east"));
            MinuteMetricsTest.send(minutes, metric(complaint(at(58, 1), "c1", "opened", "billing", -0.5f), "east"));
            MinuteMetricsTest.send(minutes, metric(complaint(at(59, 1), "c2", "opened", "billing", 0.5f), "east"));
            chain.advance(T0 + HOUR);
            // within the lateness of minute 58: its row is revised, and so is the hour's, by replacement
            MinuteMetricsTest.send(minutes, metric(late(complaint(at(58, 9), "c3", "opened", "billing", -0.5f)), "east"));
            chain.advance(T0 + HOUR + 1);
            // minute 2 was let go long ago: a row of its own, still in the hour
            var veryLate = late(complaint(at(2, 9), "c4", "opened", "billing", 0.25f));
            MinuteMetricsTest.send(minutes, metric(veryLate, "east"));
            chain.advance(T0 + HOUR + 2);

            List<MetricRow> hourly = hours.extractOutputValues();
            assertThat(hourly).extracting(MetricRow::part).containsExactly("", "", veryLate.event().eventId());
            assertThat(hourly).extracting(MetricRow::revision).containsExactly(1L, 2L, 1L);
            assertThat(hourly).extracting(MetricRow::events).containsExactly(3L, 4L, 1L);
            assertThat(hourly).extracting(MetricRow::sentimentSum).containsExactly(-0.5, -1.0, 0.25);
            assertThat(hourly).allSatisfy(r -> assertThat(r.bucketStartMs()).isEqualTo(T0));
        }
    }

    /** The minute operator's rows into the rollup, then the watermark after them, as the job chains the two. */
    private static final class Chain {
        private final KeyedOneInputStreamOperatorTestHarness<String, MetricEvent, MetricRow> minutes;
        private final KeyedOneInputStreamOperatorTestHarness<String, MetricRow, MetricRow> rollup;
        private int forwarded;

        Chain(KeyedOneInputStreamOperatorTestHarness<String, MetricEvent, MetricRow> minutes,
                KeyedOneInputStreamOperatorTestHarness<String, MetricRow, MetricRow> rollup) {
            this.minutes = minutes;
            this.rollup = rollup;
        }

        void advance(long watermark) throws Exception {
            minutes.processWatermark(new Watermark(watermark));
            List<MetricRow> emitted = minutes.extractOutputValues();
            for (MetricRow r : emitted.subList(forwarded, emitted.size())) {
                send(rollup, r);
            }
            forwarded = emitted.size();
            rollup.processWatermark(new Watermark(watermark));
        }
    }

    @Test
    void minutesAreNotAGrainToRollUpTo() {
        assertThatThrownBy(() -> new RollupMetrics(Grain.MINUTE, LATENESS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("grain");
    }
}
