package io.cxpulse.churn;

import io.cxpulse.model.SourceRef;
import io.cxpulse.profile.Erasure;
import static io.cxpulse.churn.Events.click;
import static io.cxpulse.churn.Events.complaint;
import static io.cxpulse.churn.Events.day;
import static io.cxpulse.churn.Events.profile;
import static io.cxpulse.churn.Events.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.model.CustomerProfile;
import io.cxpulse.profile.Decay;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The keyed scoring operator: publishing rule, inactivity timers, profile routing, churn and win-back, state TTL. */
class ScoreCustomerTest {

    /** A model of the test's own, so these tests check the operator whatever the shipped calibration says. */
    private static String model;
    private static ScoringSettings SETTINGS;

    @org.junit.jupiter.api.BeforeAll
    static void writeModel(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        double[] w = new double[Feature.values().length];
        w[Feature.OPEN_COMPLAINTS.ordinal()] = 0.8;
        w[Feature.WEEKS_INACTIVE.ordinal()] = 1.0;
        w[Feature.CANCEL_INTENT.ordinal()] = 1.5;
        w[Feature.MISSED_CONTACTS.ordinal()] = 0.3;
        java.nio.file.Path file = dir.resolve("churn-test.json");
        java.nio.file.Files.writeString(file, new ChurnModel("churn-test", -3, w).toJson("test").toString());
        model = file.toString();
        SETTINGS = settings(0.05, Duration.ofDays(60), Duration.ofDays(180));
    }

    private static ScoringSettings settings(double riskDelta, Duration maxInactivity, Duration ttl) {
        return new ScoringSettings(riskDelta, 0.15, Duration.ofDays(1), maxInactivity, ttl, model);
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, EnrichedEvent, CustomerProfile, CustomerScore> harness(
            ScoringSettings settings) throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new ScoreCustomer(settings)),
                (EnrichedEvent e) -> e.event().customerId(), CustomerProfile::customerId, Types.STRING);
        h.open();
        return h;
    }

    private static void event(KeyedTwoInputStreamOperatorTestHarness<String, EnrichedEvent, CustomerProfile, CustomerScore> h,
            EnrichedEvent e) throws Exception {
        h.processElement1(new StreamRecord<>(e, e.event().eventTimeMs()));
    }

    @Test
    void theFirstEventIsScoredAndUnchangedRiskIsNotRepublished() throws Exception {
        try (var h = harness(SETTINGS)) {
            event(h, click("c1", 0, "view"));
            event(h, click("c1", 0.01, "view"));
            List<CustomerScore> out = h.extractOutputValues();
            assertThat(out).hasSize(1);
            assertThat(out.get(0).scoreSeq()).isEqualTo(1);
            assertThat(out.get(0).triggerType()).isEqualTo("event:click");
        }
    }

    @Test
    void aDeterioratingCustomerIsRescoredWithReasonsThatNameWhatHappened() throws Exception {
        try (var h = harness(SETTINGS)) {
            h.processElement2(new StreamRecord<>(profile("c1", 0, "wang", Map.of()), day(0)));
            event(h, click("c1", 0, "view"));
            for (int i = 0; i < 3; i++) {
                event(h, complaint("c1", 1 + i, "k" + i, "opened", -0.9f));
                event(h, service("c1", 1.2 + i, "call_abandoned", 40 * 60_000L, null));
            }
            event(h, click("c1", 5, "cancel_flow"));
            List<CustomerScore> out = h.extractOutputValues();
            CustomerScore last = out.get(out.size() - 1);
            assertThat(last.risk()).isGreaterThan(out.get(0).risk());
            assertThat(last.reasonCodes()).isNotEmpty();
            assertThat(last.explanationEn()).containsAnyOf("unresolved complaint", "cancellation page", "complained");
            assertThat(last.explanationZh()).isNotBlank();
            assertThat(last.accountManager()).isEqualTo("wang");
            assertThat(last.scoreSeq()).isEqualTo(out.size());
        }
    }

    @Test
    void aQuietCustomerIsRescoredByTimerWithNoEventAtAll() throws Exception {
        try (var h = harness(settings(1e-6, Duration.ofDays(60), Duration.ofDays(180)))) {
            event(h, click("c1", 0, "view"));
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
            h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(day(20)));
            List<CustomerScore> timed = h.extractOutputValues().stream()
                    .filter(s -> s.triggerType().equals("inactivity")).toList();
            assertThat(timed).isNotEmpty();
            CustomerScore last = timed.get(timed.size() - 1);
            assertThat(last.daysSinceActivity()).isGreaterThan(1);
            assertThat(last.trigger()).startsWith("inactivity@");
            // one pending timer at a time, never one per event
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
        }
    }

    @Test
    void timersStopAfterTheMaximumInactivityAndForChurnedCustomers() throws Exception {
        try (var h = harness(settings(0.05, Duration.ofDays(3), Duration.ofDays(180)))) {
            event(h, click("c1", 0, "view"));
            h.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(day(10)));
            assertThat(h.numEventTimeTimers()).isZero();
            event(h, service("c1", 11, "subscription_cancelled", null, null));
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void cancellingPublishesRiskOneAndStatusChurnedThenRenewingWinsBack() throws Exception {
        try (var h = harness(SETTINGS)) {
            event(h, click("c1", 0, "view"));
            event(h, service("c1", 1, "subscription_cancelled", null, null));
            event(h, service("c1", 2, "renewed", null, null));
            List<CustomerScore> out = h.extractOutputValues();
            assertThat(out).extracting(CustomerScore::status).containsSubsequence("active", "churned", "won_back");
            assertThat(out.stream().filter(s -> s.status().equals("churned")).findFirst().orElseThrow().risk()).isEqualTo(1f);
        }
    }

    @Test
    void aProfileThatChangesTheAccountManagerRepublishes() throws Exception {
        try (var h = harness(SETTINGS)) {
            event(h, click("c1", 0, "view"));
            h.processElement2(new StreamRecord<>(profile("c1", 0, "wang", Map.of()), day(0)));
            h.processElement2(new StreamRecord<>(profile("c1", 0, "wang", Map.of()), day(0)));
            List<CustomerScore> out = h.extractOutputValues();
            assertThat(out).hasSize(2);
            assertThat(out.get(1).accountManager()).isEqualTo("wang");
            assertThat(out.get(1).triggerType()).isEqualTo("profile");
        }
    }

    @Test
    void stateSurvivesASnapshotAndRestore() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var h = harness(SETTINGS)) {
            event(h, complaint("c1", 0, "k1", "opened", -0.9f));
            snapshot = h.snapshot(1, day(0));
        }
        var restored = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new ScoreCustomer(SETTINGS)),
                (EnrichedEvent e) -> e.event().customerId(), CustomerProfile::customerId, Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        event(restored, complaint("c1", 1, "k1", "resolved", null));
        CustomerScore last = restored.extractOutputValues().get(restored.extractOutputValues().size() - 1);
        assertThat(last.openComplaints()).isZero();
        assertThat(last.scoreSeq()).isEqualTo(2);
        restored.close();
    }

    @Test
    void aCustomerSilentForLongerThanTheTtlIsForgotten() throws Exception {
        try (var h = harness(settings(0.05, Duration.ofDays(60), Duration.ofMillis(100)))) {
            h.setStateTtlProcessingTime(0);
            event(h, complaint("c1", 0, "k1", "opened", -0.9f));
            h.setStateTtlProcessingTime(1_000);
            event(h, click("c1", 0.1, "view"));
            CustomerScore last = h.extractOutputValues().get(h.extractOutputValues().size() - 1);
            // a fresh state: the open complaint is gone and numbering starts again
            assertThat(last.openComplaints()).isZero();
            assertThat(last.scoreSeq()).isEqualTo(1);
        }
    }

    // erasure (forget --customer): a cx.customers tombstone reaches the operator as an erasure profile

    @Test
    void anErasureClearsTheCustomersStateAndTimerWritesNoRowAndHerNextEventStartsFromNothing() throws Exception {
        try (var h = harness(SETTINGS)) {
            for (String c : List.of("c1", "c2")) {
                h.processElement2(new StreamRecord<>(profile(c, 0, "wang", Map.of()), day(0)));
                event(h, click(c, 0, "view"));
                event(h, complaint(c, 1, "k1", "opened", -0.9f));
                event(h, click(c, 2, "cancel_flow"));
            }
            int rows = h.extractOutputValues().size();
            int timers = h.numEventTimeTimers();

            h.processElement2(new StreamRecord<>(Erasure.of("c1", Map.of(), new SourceRef("cx.customers", 0, 9, day(3))), day(3)));

            assertThat(h.extractOutputValues()).as("the erasure writes no score row").hasSize(rows);
            assertThat(h.numEventTimeTimers()).as("her inactivity check is gone").isEqualTo(timers - 1);
            assertThat(h.numKeyedStateEntries()).as("only c2's state is left").isEqualTo(1);
            assertThat(h.getSideOutput(ScoreCustomer.UPDATES)).last().satisfies(r -> {
                assertThat(r.getValue().isErasure()).isTrue();
                assertThat(r.getValue().customerId()).isEqualTo("c1");
            });

            event(h, click("c1", 4, "view"));
            event(h, click("c2", 4, "view"));
            CustomerScore again = h.extractOutputValues().get(rows);
            assertThat(again.customerId()).isEqualTo("c1");
            assertThat(again.scoreSeq()).as("a first score, not her fourth").isEqualTo(1);
            assertThat(again.openComplaints()).isZero();
            assertThat(again.accountManager()).as("her profile went with her").isNull();
        }
    }
}
