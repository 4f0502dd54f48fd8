package io.cxpulse.alerts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hysteresis of the count rules: open far above usual, calm again once no longer far above it. */
class MinuteJudgementTest {

    private static final OpsAlertSettings.CountRule RULE = OpsAlertSettings.CountRule.defaults();

    @Test
    void aBurstIsAbnormalAndAMinuteStillSignificantButUnderTheResolveRatioIsCalm() {
        MinuteJudgement burst = MinuteJudgement.ofCount(RULE, 79, 23.3);
        assertThat(burst.abnormal()).isTrue();
        assertThat(burst.calm()).isFalse();

        // 40 against 23.3 a minute: p ≈ 0.001, below resolve_p_value, but only 1.7× usual
        MinuteJudgement after = MinuteJudgement.ofCount(RULE, 40, 23.3);
        assertThat(after.pValue()).isLessThan(RULE.resolvePValue());
        assertThat(after.abnormal()).isFalse();
        assertThat(after.calm()).isTrue();

        // without the ratio test the same minute would keep the incident open
        OpsAlertSettings.CountRule pOnly = new OpsAlertSettings.CountRule(RULE.pValue(), RULE.minCount(), RULE.minRatio(),
                RULE.lambdaFloor(), RULE.warmupMinutes(), RULE.coldStartCount(), RULE.coldStartAfterMinutes(),
                RULE.resolvePValue(), 1.0, RULE.resolveAfterMinutes());
        assertThat(MinuteJudgement.ofCount(pOnly, 40, 23.3).calm()).isFalse();
        // 2.2× usual and significant: not yet calm under the defaults either
        assertThat(MinuteJudgement.ofCount(RULE, 52, 23.3).calm()).isFalse();
    }
}
