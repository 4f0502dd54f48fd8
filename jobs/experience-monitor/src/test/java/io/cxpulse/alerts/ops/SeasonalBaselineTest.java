package io.cxpulse.alerts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SeasonalBaselineTest {

    static final long DAY0 = 20_718L * 86_400_000L; // a midnight UTC
    static final long MINUTE = 60_000L;
    static final long HOUR = 60 * MINUTE;

    private final SeasonalBaseline.Rates rates = SeasonalBaseline.Rates.of(
            new OpsAlertSettings.Baseline(Duration.ofHours(1), Duration.ofDays(3), 120, 30, 0.05));

    @Test
    void slotsAreHoursOfTheDayInUtc() {
        assertThat(SeasonalBaseline.slotOf(DAY0)).isZero();
        assertThat(SeasonalBaseline.slotOf(DAY0 + 13 * HOUR + 59 * MINUTE)).isEqualTo(13);
        assertThat(SeasonalBaseline.slotOf(DAY0 + 3 * 24 * HOUR + 23 * HOUR)).isEqualTo(23);
    }

    @Test
    void ratesComeFromHalfLives() {
        assertThat(Math.pow(1 - rates.level(), 60)).isCloseTo(0.5, within(1e-9));
        assertThat(Math.pow(1 - rates.slot(), 180)).isCloseTo(0.5, within(1e-9)); // 3 days × 60 samples
    }

    @Test
    void aYoungMeanIsThePlainMeanNotPulledToZero() {
        SeasonalBaseline b = new SeasonalBaseline();
        assertThat(b.expected(DAY0, rates)).isZero();
        b.learn(DAY0, 4, rates);
        assertThat(b.expected(DAY0, rates)).isCloseTo(4, within(1e-9));
        b.learn(DAY0 + MINUTE, 2, rates);
        assertThat(b.expected(DAY0 + 2 * MINUTE, rates)).isCloseTo(3, within(0.02));
    }

    @Test
    void aSlotWithFewSamplesIsBlendedWithTheLevelAndTrustedAloneOnceItHasEnough() {
        SeasonalBaseline b = new SeasonalBaseline();
        for (int m = 0; m < 600; m++) { // 02:00-12:00 at 1 a minute
            b.learn(DAY0 + 2 * HOUR + m * MINUTE, 1, rates);
        }
        for (int m = 0; m < 60; m++) { // 12:00-13:00 at 8 a minute: half trusted
            b.learn(DAY0 + 12 * HOUR + m * MINUTE, 8, rates);
        }
        for (int m = 0; m < 600; m++) { // back to 1 until 23:00
            b.learn(DAY0 + 13 * HOUR + m * MINUTE, 1, rates);
        }
        long noonNextDay = DAY0 + 36 * HOUR;
        assertThat(b.expected(noonNextDay, rates)).isCloseTo(0.5 * 8 + 0.5 * 1, within(0.05));
        assertThat(b.expected(DAY0 + 24 * HOUR + 5 * HOUR, rates)).isCloseTo(1, within(0.01));
        for (int m = 0; m < 60; m++) {
            b.learn(noonNextDay + m * MINUTE, 8, rates);
        }
        assertThat(b.expected(noonNextDay + 24 * HOUR, rates)).isCloseTo(8, within(0.01));
    }
}
