package io.cxpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulatorSettingsTest {

    @Test
    void rejectsNoCustomers() {
        assertThatThrownBy(() -> new SimulatorSettings(1, 0, 10, 0.01, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--customers must be ≥ 1, got 0");
    }

    @Test
    void rejectsNonPositiveRate() {
        assertThatThrownBy(() -> new SimulatorSettings(1, 10, 0, 0.01, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--rate must be > 0");
    }

    @Test
    void rejectsMalformedShareOutsideRange() {
        assertThatThrownBy(() -> new SimulatorSettings(1, 10, 10, 0.6, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--malformed-share must be between 0 and 0.5");
        assertThatThrownBy(() -> new SimulatorSettings(1, 10, 10, -0.1, 0))
                .hasMessageStartingWith("--malformed-share");
    }

    @Test
    void defaultMalformedShareIsOnePercent() {
        assertThat(SimulatorSettings.of(1, 10, 10, 0).malformedShare()).isEqualTo(0.01);
    }

    @Test
    void rejectsChurnHorizonAndStoryTimeScaleThatMakeNoSense() {
        SimulatorSettings ok = SimulatorSettings.of(1, 10, 10, 0);
        assertThatThrownBy(() -> ok.withChurnTiming(0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--churn-horizon must be at least 1s");
        assertThatThrownBy(() -> ok.withChurnTiming(60_000, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--story-time-scale must be > 0");
        assertThatThrownBy(() -> ok.withChurnTiming(60_000, Double.NaN)).hasMessageStartingWith("--story-time-scale");
    }

    @Test
    void liveDemoTimingIsTheDefault() {
        SimulatorSettings s = new SimulatorSettings(1, 10, 10, 0.01, 0);
        assertThat(s.churnHorizonMs()).isEqualTo(Duration.ofMinutes(30).toMillis());
        assertThat(s.storyTimeScale()).isEqualTo(1.0);
        assertThat(SimulatorSettings.of(1, 10, 10, 0)).isEqualTo(s);
    }

    @Test
    void storyStepsStretchButClicksOfASittingDoNot() {
        Step story = new Step(120, null);
        Step click = Step.inSitting(10, null);
        assertThat(story.scaledSeconds(720)).isEqualTo(86_400);
        assertThat(click.scaledSeconds(720)).isEqualTo(10);
        assertThat(click.scaledSeconds(0.5)).isEqualTo(5);
    }

    @Test
    void commandTakesChurnTimingFlags() {
        SimulateCommand command = new SimulateCommand();
        new CommandLine(command).parseArgs("--churn-horizon", "40d", "--story-time-scale", "720");
        assertThat(command.churnHorizon).isEqualTo(Duration.ofDays(40));
        assertThat(command.storyTimeScale).isEqualTo(720);
        SimulateCommand defaults = new SimulateCommand();
        new CommandLine(defaults).parseArgs();
        assertThat(defaults.churnHorizon).isEqualTo(Duration.ofMinutes(30));
        assertThat(defaults.storyTimeScale).isEqualTo(1);
    }

    @Test
    void parsesDurations() {
        assertThat(DurationOption.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationOption.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationOption.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationOption.parse("40d")).isEqualTo(Duration.ofDays(40));
        assertThatThrownBy(() -> DurationOption.parse("soon")).hasMessageContaining("not a duration");
    }

    @Test
    void recordToStringLeavesOutTheValue() {
        SimulatedRecord r = new SimulatedRecord("cx.complaints", "cust-000001", "{\"text\":\"secret\"}".getBytes(), 1, false, null);
        assertThat(r.toString()).doesNotContain("secret");
    }

    @Test
    void commandReportsInvalidFlagsAsUsageErrors() {
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cli = new CommandLine(new SimulateCommand()).setErr(new java.io.PrintWriter(err));
        int code = cli.execute("--customers", "0");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--customers must be ≥ 1, got 0");
    }
}
