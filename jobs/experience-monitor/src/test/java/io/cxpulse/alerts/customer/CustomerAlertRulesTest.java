package io.cxpulse.alerts.customer;

import static io.cxpulse.churn.Events.click;
import static io.cxpulse.churn.Events.complaint;
import static io.cxpulse.churn.Events.day;
import static io.cxpulse.churn.Events.mention;
import static io.cxpulse.churn.Events.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.alerts.Alert;
import io.cxpulse.alerts.AlertIds;
import io.cxpulse.alerts.AlertKind;
import io.cxpulse.alerts.ContactSuppression;
import io.cxpulse.churn.CustomerUpdate;
import io.cxpulse.enrich.EnrichedEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The customer alert rules on their own: one alert per situation, replayable ids, timers, suppression transitions. */
class CustomerAlertRulesTest {

    private static final CustomerAlertSettings DEFAULTS = CustomerAlertSettings.defaults();

    private static KeyedOneInputStreamOperatorTestHarness<String, CustomerUpdate, Alert> harness(
            CustomerAlertSettings settings) throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CustomerAlertRules(settings, Duration.ofDays(180))),
                CustomerUpdate::customerId, Types.STRING);
        h.open();
        return h;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, CustomerUpdate, Alert> harness() throws Exception {
        return harness(DEFAULTS);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, CustomerUpdate, Alert> h,
            CustomerUpdate... updates) throws Exception {
        for (CustomerUpdate u : updates) {
            h.processElement(new StreamRecord<>(u, u.timeMs()));
        }
    }

    private static void watermark(KeyedOneInputStreamOperatorTestHarness<String, CustomerUpdate, Alert> h, double d)
            throws Exception {
        h.processWatermark(new Watermark(day(d)));
    }

    private static List<Alert> alerts(KeyedOneInputStreamOperatorTestHarness<String, CustomerUpdate, Alert> h,
            AlertKind kind) {
        return h.extractOutputValues().stream().filter(a -> a.kind().equals(kind.wireName())).toList();
    }

    private static List<ContactSuppression> suppressions(
            KeyedOneInputStreamOperatorTestHarness<String, CustomerUpdate, Alert> h) {
        var side = h.getSideOutput(CustomerAlertRules.SUPPRESSION);
        return side == null ? List.of() : side.stream().map(StreamRecord::getValue).toList();
    }

    /** The only alert of {@code kind} stays open until the watermark reaches {@code d}, then resolves at {@code d}. */
    private static void resolvesByTimerAt(KeyedOneInputStreamOperatorTestHarness<String, CustomerUpdate, Alert> h,
            AlertKind kind, double d) throws Exception {
        watermark(h, d - 0.01);
        assertThat(alerts(h, kind)).extracting(Alert::status).containsExactly(Alert.OPEN);
        watermark(h, d);
        List<Alert> out = alerts(h, kind);
        assertThat(out).extracting(Alert::status).containsExactly(Alert.OPEN, Alert.RESOLVED);
        assertThat(out.get(1).revision()).isEqualTo(2);
        assertThat(out.get(1).alertId()).isEqualTo(out.get(0).alertId());
        assertThat(out.get(1).eventTimeMs()).isEqualTo(day(d));
    }

    private static String churnId(String customer, int n) {
        return AlertIds.of(AlertKind.CHURN_RISK, customer, "episode-" + n);
    }

    // churn_risk

    @Test
    void churnRiskOpensWhenTheRiskCrossesTheThresholdWithReasonsEvidenceAndFigures() throws Exception {
        Customer c = new Customer("c1");
        try (var h = harness()) {
            EnrichedEvent first = click("c1", 0, "view");
            EnrichedEvent second = click("c1", 1, "view");
            EnrichedEvent trigger = click("c1", 2, "cancel_flow");
            send(h, c.risk(0.3).on(first), c.risk(0.45).on(second));
            assertThat(h.extractOutputValues()).isEmpty();
            send(h, c.risk(0.72).openComplaints(2).on(trigger));

            List<Alert> out = alerts(h, AlertKind.CHURN_RISK);
            assertThat(out).hasSize(1);
            Alert a = out.get(0);
            assertThat(a.alertId()).isEqualTo(churnId("c1", 1));
            assertThat(a.status()).isEqualTo(Alert.OPEN);
            assertThat(a.revision()).isEqualTo(1);
            assertThat(a.severity()).isEqualTo("high");
            assertThat(a.reasonEn()).isEqualTo("Churn risk 0.72 (high): 2 unresolved complaints; visited the cancellation page");
            assertThat(a.reasonZh()).startsWith("流失风险 0.72（高）：").endsWith("2 件投诉未解决；访问了取消页面");
            assertThat(a.evidenceEventIds()).containsExactly(trigger.event().eventId(), second.event().eventId(),
                    first.event().eventId());
            assertThat(a.figure("risk")).isCloseTo(0.72, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(a.figure("open_complaints")).isEqualTo(2);
            assertThat(a.figure("days_since_activity")).isEqualTo(1.5);
            assertThat(a.figure("open_complaints")).isEqualTo(2);
            assertThat(a.figureNames()).contains("sentiment", "cancel_intent");
            assertThat(a.scopeType()).isEqualTo("customer");
            assertThat(a.scope()).isEqualTo("c1");
            assertThat(a.customerId()).isEqualTo("c1");
            assertThat(a.region()).isEqualTo("east");
            assertThat(a.routeTeam()).isEqualTo("account-management");
            assertThat(a.accountManager()).isEqualTo("wang");
            assertThat(a.accountManagerEmail()).isEqualTo("wang@example.com");
            assertThat(a.openedAtMs()).isEqualTo(day(2));
            assertThat(a.eventTimeMs()).isEqualTo(day(2));
            assertThat(a.processedAtMs()).isPositive();
        }
    }

    @Test
    void aCustomerOscillatingAroundTheThresholdGetsOneAlertUntilTheRiskReallyFell() throws Exception {
        Customer c = new Customer("c1");
        try (var h = harness()) {
            double[] risks = {0.55, 0.62, 0.58, 0.61, 0.45, 0.63, 0.59, 0.66};
            for (int i = 0; i < risks.length; i++) {
                send(h, c.risk(risks[i]).on(click("c1", i * 0.1, "view")));
            }
            assertThat(alerts(h, AlertKind.CHURN_RISK)).singleElement().extracting(Alert::status).isEqualTo(Alert.OPEN);

            send(h, c.risk(0.35).on(click("c1", 1, "view")));
            List<Alert> out = alerts(h, AlertKind.CHURN_RISK);
            assertThat(out).extracting(Alert::status).containsExactly(Alert.OPEN, Alert.RESOLVED);
            assertThat(out.get(1).alertId()).isEqualTo(out.get(0).alertId());
            assertThat(out.get(1).revision()).isEqualTo(2);
            assertThat(out.get(1).reasonEn()).isEqualTo("Resolved: Churn risk fell to 0.35 (medium) (opened: Churn risk 0.55 (medium): 2 unresolved complaints; visited the cancellation page)");
            assertThat(out.get(1).openedAtMs()).isEqualTo(out.get(0).openedAtMs());
        }
    }

    @Test
    void afterTheCoolDownANewCrossingOpensTheNextEpisode() throws Exception {
        Customer c = new Customer("c1");
        try (var h = harness()) {
            send(h, c.risk(0.7).on(click("c1", 0, "view")));
            send(h, c.risk(0.3).on(click("c1", 1, "view")));
            send(h, c.risk(0.7).on(click("c1", 2, "view"))); // re-armed, but within 7 days of the opening
            assertThat(alerts(h, AlertKind.CHURN_RISK)).hasSize(2);
            send(h, c.risk(0.68).on(click("c1", 7.5, "view")));
            List<Alert> out = alerts(h, AlertKind.CHURN_RISK);
            assertThat(out).extracting(Alert::status).containsExactly(Alert.OPEN, Alert.RESOLVED, Alert.OPEN);
            assertThat(out.get(2).alertId()).isEqualTo(churnId("c1", 2));
            assertThat(out.get(2).openedAtMs()).isEqualTo(day(7.5));
        }
    }

    @Test
    void anOpenChurnAlertEscalatesOnceWhenTheCustomerGotMateriallyWorse() throws Exception {
        Customer c = new Customer("c1");
        try (var h = harness()) {
            send(h, c.risk(0.62).on(click("c1", 0, "view")));
            send(h, c.risk(0.70).on(click("c1", 0.1, "view"))); // +0.08: not yet
            send(h, c.risk(0.78).on(click("c1", 0.2, "view"))); // +0.16
            send(h, c.risk(0.95).on(click("c1", 0.3, "view"))); // critical, but already escalated
            List<Alert> out = alerts(h, AlertKind.CHURN_RISK);
            assertThat(out).extracting(Alert::status).containsExactly(Alert.OPEN, Alert.ESCALATED);
            Alert escalated = out.get(1);
            assertThat(escalated.revision()).isEqualTo(2);
            assertThat(escalated.severity()).isEqualTo("critical");
            assertThat(escalated.alertId()).isEqualTo(out.get(0).alertId());
            assertThat(escalated.reasonEn()).startsWith("Churn risk rose from 0.62 to 0.78 (high): ");

            send(h, c.risk(0.2).on(click("c1", 1, "view")));
            assertThat(alerts(h, AlertKind.CHURN_RISK).get(2)).satisfies(a -> {
                assertThat(a.status()).isEqualTo(Alert.RESOLVED);
                assertThat(a.revision()).isEqualTo(3);
            });
        }
    }

    @Test
    void aRiskAtTheCriticalLevelOpensCriticalAndAnInactivityCheckCountsToo() throws Exception {
        Customer c = new Customer("c1");
        try (var h = harness()) {
            send(h, c.risk(0.2).on(click("c1", 0, "view")));
            send(h, c.risk(0.9).quiet(20));
            Alert a = alerts(h, AlertKind.CHURN_RISK).get(0);
            assertThat(a.severity()).isEqualTo("critical");
            assertThat(a.evidenceEventIds()[0]).isEqualTo("inactivity@" + day(20));
            assertThat(a.openedAtMs()).isEqualTo(day(20));
        }
    }

    @Test
    void aChurnedCustomerHasHerAlertsResolvedAndGetsNoNewOnes() throws Exception {
        Customer c = new Customer("c1").tier("vip");
        try (var h = harness()) {
            send(h, c.risk(0.7).on(complaint("c1", 0, "k1", "opened", -0.8f)));
            assertThat(h.extractOutputValues()).extracting(Alert::kind)
                    .containsExactlyInAnyOrder("churn_risk", "vip_negative_experience");
            int before = h.extractOutputValues().size();

            send(h, c.risk(1.0).status("churned").on(service("c1", 0.5, "subscription_cancelled", null, null)));
            List<Alert> after = h.extractOutputValues().subList(before, h.extractOutputValues().size());
            assertThat(after).extracting(Alert::status).containsOnly(Alert.RESOLVED);
            assertThat(after).extracting(Alert::kind).containsExactlyInAnyOrder("churn_risk", "vip_negative_experience");
            assertThat(after).allSatisfy(a -> assertThat(a.reasonEn()).contains("customer cancelled"));

            // still churned: a very negative text, the complaint's SLA running out, risk 1.0: nothing opens
            send(h, c.on(mention("c1", 3, -0.9f, 100)), c.quiet(10));
            watermark(h, 30);
            assertThat(h.extractOutputValues()).hasSize(before + 2);
        }
    }

    @Test
    void aWonBackCustomerHasHerChurnAlertResolved() throws Exception {
        Customer c = new Customer("c1");
        try (var h = harness()) {
            send(h, c.risk(0.7).status("churned").on(click("c1", 0, "view"))); // no alert while churned
            assertThat(h.extractOutputValues()).isEmpty();
            send(h, c.risk(0.7).status("won_back").on(service("c1", 1, "renewed", null, null)));
            // won back but still at risk: the hysteresis wants the risk to fall first
            assertThat(h.extractOutputValues()).isEmpty();
        }
        try (var h = harness()) {
            send(h, c.risk(0.7).status("active").on(click("c1", 0, "view")));
            send(h, c.risk(0.6).status("won_back").on(service("c1", 1, "renewed", null, null)));
            assertThat(alerts(h, AlertKind.CHURN_RISK)).extracting(Alert::status)
                    .containsExactly(Alert.OPEN, Alert.RESOLVED);
            assertThat(alerts(h, AlertKind.CHURN_RISK).get(1).reasonEn()).contains("won back");
        }
    }

    @Test
    void theSameIdsAfterASnapshotAndRestore() throws Exception {
        Customer c = new Customer("c1");
        OperatorSubtaskState snapshot;
        String firstId;
        try (var h = harness()) {
            send(h, c.risk(0.7).on(click("c1", 0, "view")));
            firstId = alerts(h, AlertKind.CHURN_RISK).get(0).alertId();
            snapshot = h.snapshot(1, day(0));
        }
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new CustomerAlertRules(DEFAULTS, Duration.ofDays(180))),
                CustomerUpdate::customerId, Types.STRING)) {
            h.initializeState(snapshot);
            h.open();
            send(h, c.risk(0.75).on(click("c1", 0.5, "view"))); // still the open episode: nothing new
            assertThat(h.extractOutputValues()).isEmpty();
            send(h, c.risk(0.3).on(click("c1", 1, "view")));
            send(h, c.risk(0.7).on(click("c1", 9, "view")));
            List<Alert> out = alerts(h, AlertKind.CHURN_RISK);
            assertThat(out).extracting(Alert::status).containsExactly(Alert.RESOLVED, Alert.OPEN);
            assertThat(out.get(0).alertId()).isEqualTo(firstId);
            assertThat(out.get(0).revision()).isEqualTo(2);
            assertThat(out.get(1).alertId()).isEqualTo(churnId("c1", 2));
        }
    }

    @Test
    void aReplayThatInterleavesTheTopicsDifferentlyGivesTheSameIds() throws Exception {
        // the same story; in the replay the complaint arrived before the click, so another event crosses the threshold
        EnrichedEvent clickEvent = click("c1", 1, "cancel_flow");
        EnrichedEvent complaintEvent = complaint("c1", 1, "k1", "opened", -0.3f);
        Customer live = new Customer("c1");
        Customer replay = new Customer("c1");
        List<Alert> first;
        List<Alert> second;
        try (var h = harness()) {
            send(h, live.risk(0.5).on(clickEvent), live.risk(0.65).on(complaintEvent));
            send(h, live.risk(0.3).quiet(3), live.risk(0.7).quiet(10));
            first = alerts(h, AlertKind.CHURN_RISK);
        }
        try (var h = harness()) {
            send(h, replay.risk(0.5).on(complaintEvent), replay.risk(0.65).on(clickEvent));
            send(h, replay.risk(0.3).quiet(3), replay.risk(0.7).quiet(10));
            second = alerts(h, AlertKind.CHURN_RISK);
        }
        assertThat(first.get(0).evidenceEventIds()[0]).isNotEqualTo(second.get(0).evidenceEventIds()[0]);
        assertThat(second).extracting(Alert::alertId).containsExactlyElementsOf(first.stream().map(Alert::alertId).toList());
        assertThat(second).extracting(Alert::revision).containsExactly(1, 2, 1);
    }

    @Test
    void aLateOrRepeatedUpdateDoesNotOpenASecondAlert() throws Exception {
        Customer c = new Customer("c1").tier("gold");
        try (var h = harness()) {
            EnrichedEvent negative = complaint("c1", 5, "k1", "escalated", -0.9f);
            send(h, c.risk(0.7).on(negative));
            send(h, c.risk(0.3).on(click("c1", 5.5, "view")));
            send(h, c.risk(0.7).on(click("c1", 3, "view"))); // late: before the opening
            send(h, c.risk(0.7).on(negative));                // repeated, long after its cool-down
            watermark(h, 6.5);                                 // the vip alert resolved by its timer
            send(h, c.risk(0.3).on(negative));
            assertThat(h.extractOutputValues()).filteredOn(Alert::isOpening)
                    .extracting(Alert::kind).containsExactlyInAnyOrder("churn_risk", "vip_negative_experience");
        }
    }

    // complaint_unresolved

    @Test
    void anUnresolvedComplaintAlertsWhenItsSlaRunsOutAndResolvesWithTheComplaint() throws Exception {
        Customer c = new Customer("c1");
        try (var h = harness()) {
            EnrichedEvent opened = complaint("c1", 0, "k1", "opened", -0.2f);
            send(h, c.openComplaints(1).on(opened));
            watermark(h, 1.9);
            assertThat(alerts(h, AlertKind.COMPLAINT_UNRESOLVED)).isEmpty();
            watermark(h, 2.1);
            List<Alert> out = alerts(h, AlertKind.COMPLAINT_UNRESOLVED);
            assertThat(out).hasSize(1);
            Alert a = out.get(0);
            assertThat(a.alertId()).isEqualTo(AlertIds.of(AlertKind.COMPLAINT_UNRESOLVED, "c1", "k1"));
            assertThat(a.severity()).isEqualTo("warning");
            assertThat(a.openedAtMs()).isEqualTo(day(2));
            assertThat(a.eventTimeMs()).isEqualTo(day(2));
            assertThat(a.evidenceEventIds()[0]).isEqualTo(opened.event().eventId());
            assertThat(a.reasonEn()).isEqualTo("Complaint k1 is still unresolved 48h after it was opened");
            assertThat(a.figure("open_hours")).isEqualTo(48);

            EnrichedEvent resolved = complaint("c1", 3, "k1", "resolved", 0.1f);
            send(h, c.openComplaints(0).on(resolved));
            out = alerts(h, AlertKind.COMPLAINT_UNRESOLVED);
            assertThat(out).extracting(Alert::status).containsExactly(Alert.OPEN, Alert.RESOLVED);
            assertThat(out.get(1).alertId()).isEqualTo(a.alertId());
            assertThat(out.get(1).evidenceEventIds()[0]).isEqualTo(resolved.event().eventId());
            send(h, c.on(complaint("c1", 3.1, "k1", "closed", null)));
            watermark(h, 30);
            assertThat(alerts(h, AlertKind.COMPLAINT_UNRESOLVED)).hasSize(2);
        }
    }

    @Test
    void aComplaintResolvedInTimeNeverAlertsAndTheSlaCanDependOnTheCategory() throws Exception {
        var unresolved = new CustomerAlertSettings.ComplaintUnresolved("48h", Map.of("billing", "12h"), 20,
                List.of("vip", "gold"));
        var settings = new CustomerAlertSettings(DEFAULTS.churnRisk(), DEFAULTS.vipNegativeExperience(), unresolved,
                DEFAULTS.recovery(), DEFAULTS.contactSuppression());
        Customer c = new Customer("c1").tier("gold");
        try (var h = harness(settings)) {
            send(h, c.on(complaint("c1", 0, "k1", "opened", -0.2f)));
            send(h, c.on(inCategory(complaint("c1", 0, "k2", "opened", -0.2f), "billing")));
            send(h, c.on(complaint("c1", 1, "k1", "resolved", 0.1f)));
            watermark(h, 0.49);
            assertThat(alerts(h, AlertKind.COMPLAINT_UNRESOLVED)).isEmpty();
            watermark(h, 10);
            List<Alert> out = alerts(h, AlertKind.COMPLAINT_UNRESOLVED);
            assertThat(out).singleElement().satisfies(a -> {
                assertThat(a.alertId()).isEqualTo(AlertIds.of(AlertKind.COMPLAINT_UNRESOLVED, "c1", "k2"));
                assertThat(a.category()).isEqualTo("billing");
                assertThat(a.severity()).isEqualTo("high");
                assertThat(a.openedAtMs()).isEqualTo(day(0.5));
                assertThat(a.reasonEn()).contains("(billing)").contains("12h");
            });
        }
    }

    @Test
    void aReopenedComplaintIsANewEpisodeAndALateOpeningAfterItsResolutionIsIgnored() throws Exception {
        Customer c = new Customer("c1");
        try (var h = harness()) {
            send(h, c.on(complaint("c1", 1, "k1", "resolved", 0.1f)));
            send(h, c.on(complaint("c1", 0, "k1", "opened", -0.2f))); // arrived after its resolution
            watermark(h, 4);
            assertThat(alerts(h, AlertKind.COMPLAINT_UNRESOLVED)).isEmpty();
            send(h, c.on(complaint("c1", 5, "k1", "reopened", -0.5f)));
            watermark(h, 8);
            assertThat(alerts(h, AlertKind.COMPLAINT_UNRESOLVED)).singleElement().extracting(Alert::alertId)
                    .isEqualTo(AlertIds.of(AlertKind.COMPLAINT_UNRESOLVED, "c1", "k1/reopened@" + day(5)));
        }
    }

    // vip_negative_experience

    @Test
    void aVipsSharplyNegativeExperienceAlertsOncePerCoolDownAndResolvesByTimer() throws Exception {
        Customer c = new Customer("c1").tier("vip");
        try (var h = harness()) {
            EnrichedEvent bad = mention("c1", 0, -0.8f, 500);
            send(h, c.on(bad));
            send(h, c.on(mention("c1", 0.5, -0.9f, 500)));           // within the cool-down
            send(h, c.on(service("c1", 0.6, "sla_breached", null, null)));
            List<Alert> out = alerts(h, AlertKind.VIP_NEGATIVE_EXPERIENCE);
            assertThat(out).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo("high");
                assertThat(a.alertId()).isEqualTo(AlertIds.of(AlertKind.VIP_NEGATIVE_EXPERIENCE, "c1", "episode-1"));
                assertThat(a.reasonEn()).isEqualTo(
                        "A vip customer had a sharply negative experience: a very negative social mention (sentiment -0.80)");
                assertThat(a.evidenceEventIds()[0]).isEqualTo(bad.event().eventId());
                assertThat(a.figure("sentiment")).isCloseTo(-0.8, org.assertj.core.data.Offset.offset(1e-6));
            });
            resolvesByTimerAt(h, AlertKind.VIP_NEGATIVE_EXPERIENCE, 1);

            send(h, c.tier("gold").on(service("c1", 1.5, "sla_breached", null, null)));
            out = alerts(h, AlertKind.VIP_NEGATIVE_EXPERIENCE);
            assertThat(out).hasSize(3);
            assertThat(out.get(2).alertId()).isEqualTo(AlertIds.of(AlertKind.VIP_NEGATIVE_EXPERIENCE, "c1", "episode-2"));
            assertThat(out.get(2).reasonEn()).contains("SLA");
        }
    }

    @Test
    void aPositiveTextAfterwardsResolvesTheVipAlertEarly() throws Exception {
        Customer c = new Customer("c1").tier("gold");
        try (var h = harness()) {
            send(h, c.on(complaint("c1", 0, "k1", "escalated", null)));
            send(h, c.on(mention("c1", 0.2, 0.6f, 10)));
            List<Alert> out = alerts(h, AlertKind.VIP_NEGATIVE_EXPERIENCE);
            assertThat(out).extracting(Alert::status).containsExactly(Alert.OPEN, Alert.RESOLVED);
            assertThat(out.get(0).reasonEn()).endsWith("a complaint was escalated");
            assertThat(out.get(1).eventTimeMs()).isEqualTo(day(0.2));
            watermark(h, 5);
            assertThat(alerts(h, AlertKind.VIP_NEGATIVE_EXPERIENCE)).hasSize(2);
        }
    }

    @Test
    void otherTiersAndMildTextsGetNoVipAlert() throws Exception {
        try (var h = harness()) {
            Customer standard = new Customer("c1").tier("standard");
            send(h, standard.on(mention("c1", 0, -0.9f, 500)), standard.on(service("c1", 0.1, "sla_breached", null, null)));
            Customer vip = new Customer("c2").tier("vip");
            send(h, vip.on(mention("c2", 0, -0.4f, 500)), vip.on(complaint("c2", 0.1, "k9", "updated", -0.3f)));
            assertThat(alerts(h, AlertKind.VIP_NEGATIVE_EXPERIENCE)).isEmpty();
        }
    }

    // recovery

    @Test
    void aResolvedComplaintFollowedByAReboundIsTheMomentToWinAnAdvocate() throws Exception {
        Customer c = new Customer("c1");
        try (var h = harness()) {
            send(h, c.sentiment(-0.5).on(complaint("c1", 0, "k1", "opened", -0.7f)));
            send(h, c.sentiment(-0.6).on(complaint("c1", 0.5, "k1", "updated", -0.8f)));
            EnrichedEvent resolved = complaint("c1", 1, "k1", "resolved", 0.1f);
            send(h, c.sentiment(-0.3).on(resolved));
            assertThat(alerts(h, AlertKind.RECOVERY)).isEmpty();
            EnrichedEvent happy = mention("c1", 2, 0.8f, 10);
            send(h, c.sentiment(0.25).on(happy));
            send(h, c.sentiment(0.4).on(mention("c1", 2.5, 0.9f, 10)));
            List<Alert> out = alerts(h, AlertKind.RECOVERY);
            assertThat(out).singleElement().satisfies(a -> {
                assertThat(a.severity()).isEqualTo("info");
                assertThat(a.alertId()).isEqualTo(AlertIds.of(AlertKind.RECOVERY, "c1", "k1"));
                assertThat(a.reasonEn()).contains("complainer into an advocate").contains("0.25").contains("-0.60");
                assertThat(a.evidenceEventIds()).startsWith(happy.event().eventId(), resolved.event().eventId());
                assertThat(a.figure("lowest_sentiment")).isCloseTo(-0.6, org.assertj.core.data.Offset.offset(1e-6));
            });
            resolvesByTimerAt(h, AlertKind.RECOVERY, 9);
        }
    }

    @Test
    void aReboundAfterTheWindowOrWithoutALowIsNoRecovery() throws Exception {
        try (var h = harness()) {
            Customer late = new Customer("c1");
            send(h, late.sentiment(-0.6).on(complaint("c1", 0, "k1", "opened", -0.7f)));
            send(h, late.sentiment(-0.5).on(complaint("c1", 1, "k1", "resolved", null)));
            send(h, late.sentiment(0.5).on(mention("c1", 8.5, 0.9f, 10)));
            Customer content = new Customer("c2");
            send(h, content.sentiment(0.3).on(complaint("c2", 0, "k2", "opened", 0.1f)));
            send(h, content.sentiment(0.35).on(complaint("c2", 1, "k2", "resolved", 0.5f)));
            send(h, content.sentiment(0.5).on(mention("c2", 2, 0.9f, 10)));
            Customer stillUnhappy = new Customer("c3");  // rose by 0.45 from her low, but is still negative
            send(h, stillUnhappy.sentiment(-0.9).on(complaint("c3", 0, "k3", "opened", -0.9f)));
            send(h, stillUnhappy.sentiment(-0.45).on(complaint("c3", 1, "k3", "resolved", 0.2f)));
            send(h, stillUnhappy.sentiment(-0.45).on(click("c3", 1.5, "view")));
            assertThat(alerts(h, AlertKind.RECOVERY)).isEmpty();
        }
    }

    // contact suppression

    @Test
    void suppressionIsPublishedOnlyWhenItTurnsOnOrOff() throws Exception {
        Customer c = new Customer("c1");
        try (var h = harness()) {
            EnrichedEvent opened = complaint("c1", 0, "k1", "opened", -0.2f);
            send(h, c.openComplaints(1).on(opened));
            send(h, c.risk(0.55).on(click("c1", 0.5, "view")));   // a second reason: still suppressed, nothing new
            send(h, c.openComplaints(0).on(complaint("c1", 1, "k1", "resolved", 0.2f)));
            send(h, c.risk(0.3).quiet(2));
            List<ContactSuppression> out = suppressions(h);
            assertThat(out).extracting(ContactSuppression::suppressed).containsExactly(true, false);
            assertThat(out.get(0).reasons()).containsExactly("open_complaint");
            assertThat(out.get(0).triggerEventId()).isEqualTo(opened.event().eventId());
            assertThat(out.get(0).eventTimeMs()).isEqualTo(day(0));
            assertThat(out.get(1).reasons()).isEmpty();
            assertThat(out.get(1).triggerEventId()).isEmpty();
            assertThat(out.get(1).eventTimeMs()).isEqualTo(day(2));
        }
    }

    @Test
    void overContactSuppressesUntilTheOldestContactLeavesTheWindow() throws Exception {
        Customer c = new Customer("c1");
        try (var h = harness()) {
            send(h, c.on(click("c1", 0, "contact")), c.on(service("c1", 1, "call_queued", 60_000L, null)));
            send(h, c.on(click("c1", 1.5, "view")));
            assertThat(suppressions(h)).isEmpty();
            EnrichedEvent third = service("c1", 2, "ticket_opened", null, null);
            send(h, c.on(third));
            send(h, c.on(third)); // a repeat is not a fourth contact
            assertThat(suppressions(h)).singleElement().satisfies(s -> {
                assertThat(s.suppressed()).isTrue();
                assertThat(s.reasons()).containsExactly("over_contact");
                assertThat(s.triggerEventId()).isEqualTo(third.event().eventId());
            });
            watermark(h, 6.9);
            assertThat(suppressions(h)).hasSize(1);
            watermark(h, 7);
            assertThat(suppressions(h)).extracting(ContactSuppression::suppressed).containsExactly(true, false);
            assertThat(suppressions(h).get(1).eventTimeMs()).isEqualTo(day(7));
        }
    }

    @Test
    void aNewerContactExtendsTheOverContactSpellToItsNewOldestContact() throws Exception {
        Customer c = new Customer("c1");
        try (var h = harness()) {
            send(h, c.on(click("c1", 0, "contact")), c.on(click("c1", 1, "contact")), c.on(click("c1", 2, "contact")));
            assertThat(suppressions(h)).extracting(ContactSuppression::suppressed).containsExactly(true);
            send(h, c.on(click("c1", 4, "contact"))); // the newest three now start on day 1: the spell ends on day 8
            watermark(h, 7.5);
            assertThat(suppressions(h)).as("still over contact on day 7.5").hasSize(1);
            watermark(h, 8);
            assertThat(suppressions(h)).extracting(ContactSuppression::suppressed).containsExactly(true, false);
            assertThat(suppressions(h).get(1).eventTimeMs()).isEqualTo(day(8));
        }
    }

    // calm customers and routing

    @Test
    void aCalmCustomerGetsNothing() throws Exception {
        Customer c = new Customer("c1").tier("vip").sentiment(0.4).risk(0.12);
        try (var h = harness()) {
            for (int d = 0; d < 30; d++) {
                send(h, c.on(click("c1", d, "view")), c.on(mention("c1", d + 0.5, 0.6f, 100)));
            }
            send(h, c.on(complaint("c1", 31, "k1", "updated", 0.2f)), c.quiet(40));
            watermark(h, 60);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(suppressions(h)).isEmpty();
        }
    }

    @Test
    void aCustomerWithoutAnAccountManagerIsRoutedToCxCare() throws Exception {
        Customer c = new Customer("c1").manager("");
        try (var h = harness()) {
            send(h, c.risk(0.7).on(click("c1", 0, "view")));
            Alert a = alerts(h, AlertKind.CHURN_RISK).get(0);
            assertThat(a.routeTeam()).isEqualTo("cx-care");
            assertThat(a.accountManager()).isEmpty();
            assertThat(a.accountManagerEmail()).isEmpty();
        }
    }

    @Test
    void theStateIsAPojoWithoutGenericFields() {
        assertNoGenericFields(TypeInformation.of(CustomerAlertState.class));
    }

    private static void assertNoGenericFields(TypeInformation<?> info) {
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
        for (int i = 0; i < pojo.getArity(); i++) {
            TypeInformation<?> field = pojo.getPojoFieldAt(i).getTypeInformation();
            assertThat(field).as(pojo.getPojoFieldAt(i).getField().getName()).isNotInstanceOf(GenericTypeInfo.class);
            if (field instanceof PojoTypeInfo<?>) {
                assertNoGenericFields(field);
            } else if (field instanceof org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo<?, ?> array
                    && !(array.getComponentInfo() instanceof org.apache.flink.api.common.typeinfo.BasicTypeInfo)) {
                assertNoGenericFields(array.getComponentInfo());
            }
        }
    }

    private static EnrichedEvent inCategory(EnrichedEvent e, String category) {
        return new EnrichedEvent(e.event(), e.late(), e.sentiment(), e.sentimentConfidence(), e.language(),
                e.modelVersion(), category, "producer", "billing_team", e.customerSource());
    }

    // erasure (forget --customer)

    @Test
    void anErasureClearsTheCustomersAlertStateSilentlyAndHerTimersDoNothing() throws Exception {
        Customer c = new Customer("c1").tier("vip");
        Customer other = new Customer("c2");
        try (var h = harness()) {
            send(h, c.risk(0.72).openComplaints(2).on(complaint("c1", 1, "k1", "opened", -0.9f)),
                    other.risk(0.72).on(click("c2", 1, "cancel_flow")));
            int before = h.extractOutputValues().size();
            assertThat(alerts(h, AlertKind.CHURN_RISK)).hasSize(2);
            long hers = h.extractOutputValues().stream().filter(a -> a.customerId().equals("c1")).count();
            assertThat(alerts(h, AlertKind.VIP_NEGATIVE_EXPERIENCE)).as("open, and would resolve by a timer").hasSize(1);

            send(h, CustomerUpdate.erasure("c1", day(2)));
            assertThat(h.numKeyedStateEntries()).as("only c2's state is left").isEqualTo(1);
            watermark(h, 60);
            assertThat(h.extractOutputValues().stream().filter(a -> a.customerId().equals("c1")))
                    .as("nothing about her after the erasure, not even from her pending timers").hasSize((int) hers);

            // she comes back: a new situation is her first again
            send(h, c.risk(0.8).on(click("c1", 61, "cancel_flow")));
            assertThat(alerts(h, AlertKind.CHURN_RISK).stream().filter(a -> a.customerId().equals("c1")))
                    .extracting(Alert::alertId).containsExactly(churnId("c1", 1), churnId("c1", 1));
            assertThat(h.extractOutputValues().size()).isGreaterThan(before);
        }
    }
}
