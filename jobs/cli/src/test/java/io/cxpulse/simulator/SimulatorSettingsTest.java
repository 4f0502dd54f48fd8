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
    void parsesDurations() {
        assertThat(DurationOption.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationOption.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(DurationOption.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThatThrownBy(() -> DurationOption.parse("soon")).hasMessageContaining("not a duration");
    }

    @Test
    void recordToStringLeavesOutTheValue() {
        SimulatedRecord r = new SimulatedRecord("cx.complaints", "cust-000001", "{\"text\":\"secret\"}".getBytes(), 1, false);
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
