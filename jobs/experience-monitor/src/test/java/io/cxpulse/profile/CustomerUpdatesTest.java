package io.cxpulse.profile;

import static io.cxpulse.churn.Events.click;
import static io.cxpulse.churn.Events.complaint;
import static io.cxpulse.churn.Events.day;
import static io.cxpulse.churn.Events.mention;
import static io.cxpulse.churn.Events.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cxpulse.churn.ChurnFeatures;
import io.cxpulse.churn.Feature;
import org.junit.jupiter.api.Test;

/** Each feature's behaviour, rule by rule. */
class CustomerUpdatesTest {

    private static CustomerState state() {
        return new CustomerState();
    }

    @Test
    void openComplaintsAreCountedUntilResolvedAndTheirAgeGrows() {
        CustomerState s = state();
        CustomerUpdates.apply(s, complaint("c", 0, "k1", "opened", -0.8f));
        CustomerUpdates.apply(s, complaint("c", 1, "k2", "opened", -0.6f));
        ChurnFeatures f = ChurnFeatures.of(s, day(5));
        assertThat(f.openComplaints()).isEqualTo(2);
        assertThat(f.oldestOpenDays()).isCloseTo(5, within(0.01));
        assertThat(f.get(Feature.OLDEST_OPEN_WEEKS)).isCloseTo(5 / 7.0, within(0.01));
        CustomerUpdates.apply(s, complaint("c", 5, "k1", "resolved", null));
        assertThat(ChurnFeatures.of(s, day(5)).openComplaints()).isEqualTo(1);
        assertThat(s.resolvedCount).isEqualTo(1);
        assertThat(s.resolutionHoursTotal).isCloseTo(120, within(0.01));
    }

    @Test
    void aComplaintResolvedWithinADayCountsAsAQuickResolution() {
        CustomerState s = state();
        CustomerUpdates.apply(s, complaint("c", 0, "k1", "opened", -0.5f));
        CustomerUpdates.apply(s, complaint("c", 0.5, "k1", "resolved", null));
        assertThat(ChurnFeatures.of(s, day(0.5)).get(Feature.QUICK_RESOLUTIONS)).isCloseTo(1, within(0.01));
    }

    @Test
    void chasingTheSameCaseAndEscalationsAreCounted() {
        CustomerState s = state();
        CustomerUpdates.apply(s, complaint("c", 0, "k1", "opened", -0.5f));
        CustomerUpdates.apply(s, complaint("c", 1, "k1", "updated", -0.7f));
        CustomerUpdates.apply(s, complaint("c", 2, "k1", "opened", -0.9f));
        CustomerUpdates.apply(s, complaint("c", 3, "k1", "escalated", -0.9f));
        ChurnFeatures f = ChurnFeatures.of(s, day(3));
        assertThat(f.get(Feature.REPEAT_CONTACTS)).isGreaterThan(1.8);
        assertThat(f.get(Feature.ESCALATIONS)).isCloseTo(1, within(0.01));
        assertThat(f.openComplaints()).isEqualTo(1);
    }

    @Test
    void timeCostAccumulatesAndFadesWithItsHalfLife() {
        CustomerState s = state();
        CustomerUpdates.apply(s, service("c", 0, "call_abandoned", 30 * 60_000L, null));
        CustomerUpdates.apply(s, service("c", 0, "callback_missed", null, null));
        CustomerUpdates.apply(s, service("c", 0, "call_answered", 90 * 60_000L, null));
        assertThat(ChurnFeatures.of(s, day(0)).get(Feature.WAIT_HOURS)).isCloseTo(2.0, within(0.01));
        assertThat(ChurnFeatures.of(s, day(0)).get(Feature.MISSED_CONTACTS)).isCloseTo(2.0, within(0.01));
        // fourteen days later, half of it is remembered
        assertThat(ChurnFeatures.of(s, day(14)).get(Feature.WAIT_HOURS)).isCloseTo(1.0, within(0.01));
    }

    @Test
    void sentimentFallingBelowTheUsualIsADrop() {
        CustomerState s = state();
        for (int d = 0; d < 30; d++) {
            CustomerUpdates.apply(s, mention("c", d, 0.6f, 10));
        }
        for (double d = 30; d < 32; d += 0.25) {
            CustomerUpdates.apply(s, complaint("c", d, "k" + d, "opened", -0.8f));
        }
        ChurnFeatures f = ChurnFeatures.of(s, day(32));
        assertThat(f.sentimentUsual()).isGreaterThan(f.sentimentNow());
        assertThat(f.sentimentNow()).isNegative();
        assertThat(f.get(Feature.SENTIMENT_DROP)).isGreaterThan(0.5);
        assertThat(f.get(Feature.NEGATIVE_SENTIMENT)).isGreaterThan(0.3);
    }

    @Test
    void visitsBelowTheCustomersOwnBaselineAreAnEngagementDrop() {
        CustomerState s = state();
        for (double d = 0; d < 40; d += 0.25) {
            CustomerUpdates.apply(s, click("c", d, "view"));
        }
        assertThat(ChurnFeatures.of(s, day(40)).get(Feature.ENGAGEMENT_DROP)).isLessThan(0.1);
        for (double d = 40; d < 54; d += 2) {
            CustomerUpdates.apply(s, click("c", d, "view"));
        }
        assertThat(ChurnFeatures.of(s, day(54)).get(Feature.ENGAGEMENT_DROP)).isGreaterThan(0.5);
    }

    @Test
    void aNewCustomerHasNoBaselineSoNoEngagementDrop() {
        CustomerState s = state();
        CustomerUpdates.apply(s, click("c", 0, "view"));
        assertThat(ChurnFeatures.of(s, day(3)).get(Feature.ENGAGEMENT_DROP)).isZero();
    }

    @Test
    void goingQuietIsMeasuredFromTheLastOwnActivityNotFromCompanyEvents() {
        CustomerState s = state();
        CustomerUpdates.apply(s, click("c", 0, "view"));
        CustomerUpdates.apply(s, service("c", 5, "delivery_late", null, null));
        ChurnFeatures f = ChurnFeatures.of(s, day(9));
        assertThat(f.daysInactive()).isCloseTo(9, within(0.01));
        assertThat(f.get(Feature.SERVICE_FAILURES)).isGreaterThan(0.8);
    }

    @Test
    void cancellationVisitsDowngradesAndPoorSurveysAreSignals() {
        CustomerState s = state();
        CustomerUpdates.apply(s, click("c", 0, "cancel_flow"));
        CustomerUpdates.apply(s, click("c", 0, "unsubscribe"));
        CustomerUpdates.apply(s, service("c", 0, "plan_downgraded", null, null));
        CustomerUpdates.apply(s, service("c", 0, "nps_response", null, 2.0));
        ChurnFeatures f = ChurnFeatures.of(s, day(0));
        assertThat(f.get(Feature.CANCEL_INTENT)).isCloseTo(2, within(0.01));
        assertThat(f.get(Feature.DOWNGRADES)).isCloseTo(1, within(0.01));
        assertThat(f.get(Feature.POOR_SURVEYS)).isCloseTo(1, within(0.01));
        assertThat(f.lastNps()).isEqualTo(2.0);
    }

    @Test
    void oneNegativePostToHalfAMillionFollowersWeighsMoreThanTenToFifty() {
        CustomerState viral = state();
        CustomerUpdates.apply(viral, mention("a", 0, -0.8f, 500_000));
        CustomerState small = state();
        for (int i = 0; i < 10; i++) {
            CustomerUpdates.apply(small, mention("b", 0, -0.8f, 50));
        }
        // reach is log-scaled: one post to 500k is worth about 3.3 posts to 50; so one viral post weighs more than
        // three small ones, and ten small ones together are not dismissed either
        assertThat(CustomerUpdates.reach(500_000) / CustomerUpdates.reach(50)).isGreaterThan(3);
        assertThat(ChurnFeatures.of(viral, day(0)).negativeReach()).isEqualTo(500_000);
        assertThat(ChurnFeatures.of(viral, day(0)).get(Feature.NEGATIVE_SOCIAL)).isGreaterThan(0.7);
    }

    @Test
    void cancellingChurnsAndRenewingWinsBack() {
        CustomerState s = state();
        CustomerUpdates.apply(s, click("c", 0, "cancel_flow"));
        CustomerUpdates.apply(s, service("c", 1, "subscription_cancelled", null, null));
        assertThat(s.status).isEqualTo(CustomerStatus.CHURNED);
        CustomerUpdates.apply(s, service("c", 3, "renewed", null, null));
        assertThat(s.status).isEqualTo(CustomerStatus.WON_BACK);
        assertThat(ChurnFeatures.of(s, day(3)).get(Feature.CANCEL_INTENT)).isZero();
    }

    @Test
    void aLateEventCountsAsOfItsOwnTime() {
        CustomerState s = state();
        CustomerUpdates.apply(s, service("c", 14, "callback_missed", null, null));
        CustomerUpdates.apply(s, service("c", 0, "callback_missed", null, null));
        // the late one happened 14 days (one half-life) before: it counts half
        assertThat(ChurnFeatures.of(s, day(14)).get(Feature.MISSED_CONTACTS)).isCloseTo(1.5, within(0.01));
    }

    @Test
    void theOlderOfTwoProfileVersionsDoesNotOverwriteTheNewer() {
        CustomerState s = state();
        CustomerUpdates.applyProfile(s, io.cxpulse.churn.Events.profile("c", 5, "wang", java.util.Map.of()));
        CustomerUpdates.applyProfile(s, io.cxpulse.churn.Events.profile("c", 1, "li", java.util.Map.of()));
        assertThat(s.accountManager).isEqualTo("wang");
    }

    @Test
    void openComplaintsAreBoundedSoStateStaysSmall() {
        CustomerState s = state();
        for (int i = 0; i < 30; i++) {
            CustomerUpdates.apply(s, complaint("c", i * 0.01, "k" + i, "opened", -0.5f));
        }
        assertThat(s.openComplaintCount()).isEqualTo(CustomerUpdates.MAX_OPEN_COMPLAINTS);
        assertThat(s.openComplaintIds).doesNotContain("k0").contains("k29");
    }
}
