package io.cxpulse.alerts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.aggregate.MetricRow;
import io.cxpulse.alerts.Alert;
import io.cxpulse.alerts.AlertIds;
import io.cxpulse.alerts.AlertKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The incident detector fed with metric rows through {@link ScopeMinutes}, minute by minute, as the job would. */
class DetectIncidentsTest {

    static final long DAY0 = 20_718L * 86_400_000L; // a midnight UTC
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;
    static final String[] REGIONS = {"north", "south", "east", "west"};

    private static KeyedOneInputStreamOperatorTestHarness<String, ScopeMinute, Alert> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new DetectIncidents(OpsAlertSettings.defaults(), null)),
                ScopeMinute::key, Types.STRING);
        h.setup();
        return h;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, ScopeMinute, Alert> opened() throws Exception {
        var h = harness();
        h.open();
        return h;
    }

    /** The minute's rows, each stamped as the aggregator stamps it (the minute's last ms), then the watermark past it. */
    private static void minute(KeyedOneInputStreamOperatorTestHarness<String, ScopeMinute, Alert> h, long start,
            List<MetricRow> rows) throws Exception {
        for (MetricRow row : rows) {
            for (ScopeMinute m : ScopeMinutesTest.fanOut(row)) {
                h.processElement(new StreamRecord<>(m, DetectIncidents.lastMs(start)));
            }
        }
        h.processWatermark(DetectIncidents.lastMs(start));
    }

    static MetricRow complaints(long start, String category, String region, long opened) {
        return new MetricRow(start, "1m", "complaint", "", category, region, opened, 0, 0, 0, opened, 0, 0, 0, 0, 0, 0,
                0, "", 1);
    }

    static MetricRow texts(long start, String channel, String region, long texts, long negatives) {
        return new MetricRow(start, "1m", "social_mention", channel, "", region, texts, texts, -0.6 * negatives + 0.3 * (texts - negatives),
                negatives, 0, 0, 0, 0, 0, 0, 0, 0, "", 1);
    }

    static MetricRow breaches(long start, String region, long breaches) {
        return new MetricRow(start, "1m", "service_event", "phone", "", region, breaches, 0, 0, 0, 0, 0, breaches, 0, 0,
                0, 0, 0, "", 1);
    }

    static int poisson(Random r, double mean) {
        double limit = Math.exp(-mean);
        double p = r.nextDouble();
        int k = 0;
        while (p > limit) {
            p *= r.nextDouble();
            k++;
        }
        return k;
    }

    static int binomial(Random r, int n, double p) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            k += r.nextDouble() < p ? 1 : 0;
        }
        return k;
    }

    /** A category at ~0.6 a minute over four regions. */
    private static List<MetricRow> calmBilling(Random r, long start) {
        List<MetricRow> rows = new ArrayList<>();
        for (String region : REGIONS) {
            int n = poisson(r, 0.15);
            if (n > 0) {
                rows.add(complaints(start, "billing_refund", region, n));
            }
        }
        return rows;
    }

    private static List<MetricRow> burst(long start) {
        List<MetricRow> rows = new ArrayList<>();
        for (int i = 0; i < REGIONS.length; i++) {
            rows.add(complaints(start, "billing_refund", REGIONS[i], i < 2 ? 8 : 7));
        }
        return rows;
    }

    private static List<Alert> ofKind(List<Alert> alerts, AlertKind kind) {
        return alerts.stream().filter(a -> a.kind().equals(kind.wireName())).toList();
    }

    @Test
    void aNationwideBurstAfterTenCalmMinutesOpensExactlyOneSpikeThatResolvesAfterIt() throws Exception {
        Random r = new Random(7);
        long burstAt = DAY0 + 10 * HOUR + 30 * MINUTE;
        try (var h = opened()) {
            for (long t = burstAt - 10 * MINUTE; t < burstAt; t += MINUTE) {
                minute(h, t, calmBilling(r, t));
            }
            minute(h, burstAt, burst(burstAt));
            for (long t = burstAt + MINUTE; t < burstAt + 30 * MINUTE; t += MINUTE) {
                minute(h, t, calmBilling(r, t));
            }
            List<Alert> alerts = h.extractOutputValues();
            assertThat(alerts).hasSize(2);
            Alert open = alerts.get(0);
            Alert resolved = alerts.get(1);
            assertThat(open.kind()).isEqualTo("complaint_spike");
            assertThat(open.status()).isEqualTo(Alert.OPEN);
            assertThat(open.revision()).isEqualTo(1);
            assertThat(open.scopeType()).isEqualTo("category");
            assertThat(open.scope()).isEqualTo("billing_refund");
            assertThat(open.category()).isEqualTo("billing_refund");
            assertThat(open.region()).as("nationwide: no region holds most of it").isEmpty();
            assertThat(open.figure("top_region_count")).isEqualTo(8);
            assertThat(open.routeTeam()).isEqualTo("billing");
            assertThat(open.alertId()).isEqualTo(
                    AlertIds.of(AlertKind.COMPLAINT_SPIKE, "category:billing_refund", "minute-" + burstAt));
            assertThat(open.figure("observed")).isEqualTo(30);
            assertThat(open.figure("baseline")).isBetween(0.2, 1.5);
            assertThat(open.figure("p_value")).isLessThan(1e-15);
            assertThat(open.figure("ratio")).isGreaterThan(20);
            assertThat(open.severity()).isEqualTo("critical");
            assertThat(open.eventTimeMs()).isEqualTo(DetectIncidents.lastMs(burstAt));
            assertThat(open.reasonEn()).startsWith("Complaints about billing_refund: 30 in the minute to 10:31 UTC, usually ")
                    .contains("at this hour (p < 1e-");
            assertThat(open.reasonZh()).contains("关于 billing_refund 的投诉", "10:31 UTC", "30 起");

            assertThat(resolved.alertId()).isEqualTo(open.alertId());
            assertThat(resolved.status()).isEqualTo(Alert.RESOLVED);
            assertThat(resolved.revision()).isEqualTo(2);
            assertThat(resolved.openedAtMs()).isEqualTo(open.openedAtMs());
            assertThat(resolved.eventTimeMs()).isEqualTo(DetectIncidents.lastMs(burstAt + 3 * MINUTE));
            assertThat(resolved.figure("peak")).isEqualTo(30);
            assertThat(resolved.reasonEn()).contains("back to normal", "peak 30, open 4 minutes");
        }
    }

    @Test
    void aBurstInOneRegionThatMovesItsCategoryIsOneCategoryAlertNamingTheRegion() throws Exception {
        Random r = new Random(3);
        long burstAt = DAY0 + 10 * HOUR;
        try (var h = opened()) {
            for (long t = burstAt - 40 * MINUTE; t < burstAt; t += MINUTE) {
                minute(h, t, calmBilling(r, t));
            }
            minute(h, burstAt, List.of(complaints(burstAt, "billing_refund", "north", 12)));
            for (long t = burstAt + MINUTE; t < burstAt + 20 * MINUTE; t += MINUTE) {
                minute(h, t, calmBilling(r, t));
            }
            List<Alert> alerts = h.extractOutputValues();
            assertThat(alerts).extracting(Alert::status).containsExactly(Alert.OPEN, Alert.RESOLVED);
            Alert open = alerts.get(0);
            assertThat(open.scopeType()).isEqualTo("category");
            assertThat(open.scope()).isEqualTo("billing_refund");
            assertThat(open.region()).as("it holds most of the burst").isEqualTo("north");
            assertThat(open.figure("top_region_count")).isEqualTo(12);
            assertThat(open.alertId()).isEqualTo(
                    AlertIds.of(AlertKind.COMPLAINT_SPIKE, "category:billing_refund", "minute-" + burstAt));
            assertThat(open.reasonEn()).startsWith("Complaints about billing_refund: 12 in the minute to 10:01 UTC")
                    .endsWith("; most in north (12)");
            assertThat(open.reasonZh()).contains("最多的地区为 north（12 起）");
            assertThat(alerts.get(1).alertId()).isEqualTo(open.alertId());
            assertThat(alerts.get(1).region()).isEqualTo("north");
        }
    }

    /** Busy in the north (~5 a minute), quiet in the south (~0.1): nine in the south do not move the category. */
    private static List<MetricRow> busyNorthQuietSouth(Random r, long start, long south) {
        List<MetricRow> rows = new ArrayList<>();
        int north = poisson(r, 5);
        if (north > 0) {
            rows.add(complaints(start, "delivery", "north", north));
        }
        if (south > 0) {
            rows.add(complaints(start, "delivery", "south", south));
        }
        return rows;
    }

    @Test
    void aBurstInAQuietRegionIsOneCategoryRegionAlertThatSurvivesARestoreAndItsSpreadingAndResolvesOnce()
            throws Exception {
        Random r = new Random(23);
        long burstAt = DAY0 + 14 * HOUR;
        OperatorSubtaskState snapshot;
        Alert open;
        try (var h = opened()) {
            for (long t = burstAt - 60 * MINUTE; t < burstAt; t += MINUTE) {
                minute(h, t, busyNorthQuietSouth(r, t, t == burstAt - 60 * MINUTE ? 1 : poisson(r, 0.1)));
            }
            assertThat(h.extractOutputValues()).isEmpty();
            minute(h, burstAt, List.of(complaints(burstAt, "delivery", "north", 5),
                    complaints(burstAt, "delivery", "south", 9)));
            List<Alert> opens = h.extractOutputValues();
            assertThat(opens).hasSize(1);
            open = opens.get(0);
            assertThat(open.scopeType()).isEqualTo("category_region");
            assertThat(open.scope()).isEqualTo("delivery|south");
            assertThat(open.category()).isEqualTo("delivery");
            assertThat(open.region()).isEqualTo("south");
            assertThat(open.figure("observed")).isEqualTo(9);
            assertThat(open.figure("top_region_count")).isEqualTo(9);
            assertThat(open.alertId()).isEqualTo(
                    AlertIds.of(AlertKind.COMPLAINT_SPIKE, "category_region:delivery|south", "minute-" + burstAt));
            assertThat(open.reasonEn()).startsWith("Complaints about delivery in south: 9 in the minute to 14:01 UTC");
            // it spreads: now the whole category is abnormal too, and still no second incident opens
            minute(h, burstAt + MINUTE, List.of(complaints(burstAt + MINUTE, "delivery", "north", 25),
                    complaints(burstAt + MINUTE, "delivery", "south", 9)));
            assertThat(h.extractOutputValues()).hasSize(1);
            snapshot = h.snapshot(1, burstAt + MINUTE);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            minute(h, burstAt + 2 * MINUTE, List.of(complaints(burstAt + 2 * MINUTE, "delivery", "north", 5),
                    complaints(burstAt + 2 * MINUTE, "delivery", "south", 9)));
            for (long t = burstAt + 3 * MINUTE; t < burstAt + 30 * MINUTE; t += MINUTE) {
                minute(h, t, busyNorthQuietSouth(r, t, 0));
            }
            List<Alert> after = h.extractOutputValues();
            assertThat(after).extracting(Alert::status).containsExactly(Alert.RESOLVED);
            assertThat(after.get(0).alertId()).isEqualTo(open.alertId());
            assertThat(after.get(0).scopeType()).isEqualTo("category_region");
            assertThat(after.get(0).figure("peak")).isEqualTo(9);
            assertThat(after.get(0).eventTimeMs()).isGreaterThanOrEqualTo(DetectIncidents.lastMs(burstAt + 5 * MINUTE));
            assertThat(after.get(0).reasonEn()).startsWith("Complaints about delivery in south back to normal: 0 in the minute");
        }
    }

    /**
     * Six hours of steady Poisson noise in eleven scopes. (At pValue 1e-4 a scope-minute alarms by chance about once in
     * 10,000, so this is ~4,000 chances: it passes by the design's margin, not by luck of a small sample.)
     */
    @Test
    void aCalmStreamOfSeveralHoursOpensNothing() throws Exception {
        Random r = new Random(42);
        String[] categories = {"billing_refund", "delivery"};
        double[] rates = {0.3, 2.0};
        String[] regions = {"north", "south"};
        try (var h = opened()) {
            for (long t = DAY0 + 6 * HOUR; t < DAY0 + 12 * HOUR; t += MINUTE) {
                List<MetricRow> rows = new ArrayList<>();
                for (int c = 0; c < categories.length; c++) {
                    for (String region : regions) {
                        int n = poisson(r, rates[c]);
                        if (n > 0) {
                            rows.add(complaints(t, categories[c], region, n));
                        }
                    }
                }
                for (String region : regions) {
                    int n = poisson(r, 25);
                    rows.add(texts(t, "weibo", region, n, binomial(r, n, 0.2)));
                    int b = poisson(r, 1.0);
                    if (b > 0) {
                        rows.add(breaches(t, region, b));
                    }
                }
                minute(h, t, rows);
            }
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aRegularBusyHourAlarmsWhileNewAndNotOnceLearned() throws Exception {
        Random r = new Random(11);
        List<Alert> alerts;
        try (var h = opened()) {
            for (long t = DAY0; t < DAY0 + 5 * DAY; t += MINUTE) {
                boolean busy = SeasonalBaseline.slotOf(t) == 12;
                int n = poisson(r, busy ? 8 : 1);
                minute(h, t, n == 0 ? List.of() : List.of(complaints(t, "delivery", "", n)));
            }
            alerts = h.extractOutputValues();
        }
        List<Alert> opens = alerts.stream().filter(Alert::isOpening).toList();
        assertThat(opens).as("the first busy hour is news").anyMatch(a -> a.openedAtMs() < DAY0 + DAY);
        // (the quiet hours are Poisson(1): at pValue 1e-4 an odd chance alarm in five days is the design, not the point)
        assertThat(opens).as("from the third day it is the norm").noneMatch(a -> a.openedAtMs() >= DAY0 + 2 * DAY
                && SeasonalBaseline.slotOf(a.openedAtMs()) == 12);
        assertThat(alerts.stream().filter(a -> a.status().equals(Alert.RESOLVED)).count()).isEqualTo(opens.size());
    }

    @Test
    void minutesWithNoRowsAtAllResolveAnIncident() throws Exception {
        Random r = new Random(5);
        long burstAt = DAY0 + 9 * HOUR;
        try (var h = opened()) {
            for (long t = burstAt - 40 * MINUTE; t < burstAt; t += MINUTE) {
                minute(h, t, calmBilling(r, t));
            }
            minute(h, burstAt, burst(burstAt));
            assertThat(h.extractOutputValues()).hasSize(1);
            // no more rows: only the watermark moves on
            h.processWatermark(burstAt + 10 * MINUTE);
            List<Alert> alerts = h.extractOutputValues();
            assertThat(alerts).extracting(Alert::status).containsExactly(Alert.OPEN, Alert.RESOLVED);
            assertThat(alerts.get(1).eventTimeMs()).isEqualTo(DetectIncidents.lastMs(burstAt + 3 * MINUTE));
            assertThat(alerts.get(1).figure("observed")).isZero();
            assertThat(h.numEventTimeTimers()).as("one pending timer for the category (its regions live in it)").isEqualTo(1);
        }
    }

    @Test
    void aRestoreMidIncidentKeepsTheIdAndDoesNotReopen() throws Exception {
        Random r = new Random(9);
        long burstAt = DAY0 + 15 * HOUR;
        OperatorSubtaskState snapshot;
        String id;
        try (var h = opened()) {
            for (long t = burstAt - 40 * MINUTE; t < burstAt; t += MINUTE) {
                minute(h, t, calmBilling(r, t));
            }
            minute(h, burstAt, burst(burstAt));
            minute(h, burstAt + MINUTE, burst(burstAt + MINUTE));
            List<Alert> before = h.extractOutputValues();
            assertThat(before).hasSize(1);
            id = before.get(0).alertId();
            snapshot = h.snapshot(1, burstAt + MINUTE);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            minute(h, burstAt + 2 * MINUTE, burst(burstAt + 2 * MINUTE));
            for (long t = burstAt + 3 * MINUTE; t < burstAt + 20 * MINUTE; t += MINUTE) {
                minute(h, t, calmBilling(r, t));
            }
            List<Alert> after = h.extractOutputValues();
            assertThat(after).hasSize(1);
            assertThat(after.get(0).status()).isEqualTo(Alert.RESOLVED);
            assertThat(after.get(0).alertId()).isEqualTo(id);
            assertThat(after.get(0).figure("minutes_open")).isEqualTo(6);
            assertThat(after.get(0).eventTimeMs()).isEqualTo(DetectIncidents.lastMs(burstAt + 5 * MINUTE));
        }
    }

    @Test
    void lateRevisionsAndRowsForJudgedMinutesAreIgnored() throws Exception {
        Random r = new Random(13);
        long start = DAY0 + 8 * HOUR;
        try (var h = opened()) {
            for (long t = start; t < start + 40 * MINUTE; t += MINUTE) {
                minute(h, t, calmBilling(r, t));
            }
            long judged = start + 38 * MINUTE;
            MetricRow revised = new MetricRow(judged, "1m", "complaint", "", "billing_refund", "north", 50, 0, 0, 0, 50,
                    0, 0, 0, 0, 0, 0, 0, "", 2);
            MetricRow single = new MetricRow(judged, "1m", "complaint", "", "billing_refund", "north", 50, 0, 0, 0, 50,
                    0, 0, 0, 0, 0, 0, 0, "e-late-1", 1);
            // the revision arrives with the next minute's rows
            minute(h, start + 40 * MINUTE, List.of(revised, single));
            // and an on-time-looking row for a judged minute, straight to the detector
            h.processElement(new StreamRecord<>(new ScopeMinute("complaint_spike", "category", "billing_refund",
                    "billing_refund", "", "", judged, 50, 0, 0), DetectIncidents.lastMs(judged)));
            minute(h, start + 41 * MINUTE, List.of());
            assertThat(h.extractOutputValues()).isEmpty();
        }
    }

    @Test
    void aSentimentDropOnAChannelOpensOnceAndResolves() throws Exception {
        Random r = new Random(17);
        long dropAt = DAY0 + 20 * HOUR;
        try (var h = opened()) {
            for (long t = dropAt - 60 * MINUTE; t < dropAt + 30 * MINUTE; t += MINUTE) {
                boolean drop = t >= dropAt && t < dropAt + 5 * MINUTE;
                int n = poisson(r, 30);
                minute(h, t, List.of(texts(t, "app", "", n, binomial(r, n, drop ? 0.6 : 0.15))));
            }
            // five texts, all negative: too few to say anything
            long few = dropAt + 30 * MINUTE;
            minute(h, few, List.of(texts(few, "app", "", 5, 5)));
            List<Alert> alerts = ofKind(h.extractOutputValues(), AlertKind.SENTIMENT_DROP);
            assertThat(alerts).extracting(Alert::status).containsExactly(Alert.OPEN, Alert.RESOLVED);
            Alert open = alerts.get(0);
            assertThat(open.scopeType()).isEqualTo("channel");
            assertThat(open.channel()).isEqualTo("app");
            assertThat(open.routeTeam()).isEqualTo("cx-ops");
            assertThat(open.openedAtMs()).isEqualTo(DetectIncidents.lastMs(dropAt));
            assertThat(open.figure("observed")).isGreaterThan(0.4);
            assertThat(open.figure("baseline")).isBetween(0.1, 0.2);
            assertThat(open.figure("texts")).isGreaterThanOrEqualTo(10);
            assertThat(open.reasonEn()).startsWith("Negative sentiment on app: ").contains("texts negative in the minute to 20:01 UTC");
            assertThat(alerts.get(1).eventTimeMs()).isLessThanOrEqualTo(DetectIncidents.lastMs(dropAt + 8 * MINUTE));
        }
    }

    @Test
    void anSlaBreachSurgeInARegionGoesToServiceOps() throws Exception {
        Random r = new Random(19);
        long surgeAt = DAY0 + 3 * HOUR;
        try (var h = opened()) {
            for (long t = surgeAt - 45 * MINUTE; t < surgeAt; t += MINUTE) {
                int b = poisson(r, 1);
                minute(h, t, b == 0 ? List.of() : List.of(breaches(t, "south", b)));
            }
            minute(h, surgeAt, List.of(breaches(surgeAt, "south", 14)));
            List<Alert> alerts = h.extractOutputValues();
            assertThat(alerts).hasSize(1);
            assertThat(alerts.get(0).kind()).isEqualTo("sla_breach_surge");
            assertThat(alerts.get(0).scope()).isEqualTo("south");
            assertThat(alerts.get(0).region()).isEqualTo("south");
            assertThat(alerts.get(0).routeTeam()).isEqualTo("service-ops");
            assertThat(alerts.get(0).reasonEn()).startsWith("SLA breaches in south: 14 in the minute to 03:01 UTC");
        }
    }

    @Test
    void duringTheWarmUpOnlyAnExtremeCountAlerts() throws Exception {
        long start = DAY0 + 2 * HOUR;
        try (var h = opened()) {
            for (long t = start; t < start + 5 * MINUTE; t += MINUTE) {
                minute(h, t, List.of(complaints(t, "price", "", 1)));
            }
            minute(h, start + 5 * MINUTE, List.of(complaints(start + 5 * MINUTE, "price", "", 12)));
            assertThat(h.extractOutputValues()).as("12 is abnormal but not extreme").isEmpty();
            for (long t = start + 6 * MINUTE; t < start + 10 * MINUTE; t += MINUTE) {
                minute(h, t, List.of(complaints(t, "price", "", 1)));
            }
            minute(h, start + 10 * MINUTE, List.of(complaints(start + 10 * MINUTE, "price", "", 25)));
            assertThat(h.extractOutputValues()).extracting(Alert::routeTeam).containsExactly("sales");
        }
    }
}
