package io.cxpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad flags and files stop a command at once, with exit 2 and a message naming what to fix. */
class CxPulseCommandLineTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureErr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErr() {
        System.setErr(originalErr);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void produceRefusesAnUnknownTopic() {
        assertThat(CxPulse.execute("produce", "--topic", "cx.nope", "--file", "x.jsonl")).isEqualTo(2);
        assertThat(stderr()).contains("--topic: 'cx.nope' is not an input topic");
    }

    @Test
    void produceNamesAMissingFile() {
        assertThat(CxPulse.execute("produce", "--topic", "cx.clicks", "--file", "/nonexistent/events.jsonl")).isEqualTo(2);
        assertThat(stderr()).contains("--file: /nonexistent/events.jsonl does not exist");
    }

    @Test
    void migrateRefusesAMalformedUrlBeforeConnecting() {
        assertThat(CxPulse.execute("migrate", "--clickhouse-url", "ftp://x")).isEqualTo(2);
        assertThat(stderr()).contains("--clickhouse-url: 'ftp://x' is not an http(s) URL");
    }

    @Test
    void anUnreadableConfigFileIsNamed() {
        assertThat(CxPulse.execute("migrate", "--config", "/nonexistent/cxpulse.properties")).isEqualTo(2);
        assertThat(stderr()).contains("/nonexistent/cxpulse.properties cannot be read");
    }

    @Test
    void demoRefusesABadPartitionCount() {
        assertThat(CxPulse.execute("demo", "--partitions", "0")).isEqualTo(2);
        assertThat(stderr()).contains("--partitions must be between 1 and 64");
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        assertThat(CxPulse.execute("demo", "--no-such-flag")).isEqualTo(2);
        assertThat(stderr()).contains("Unknown option: '--no-such-flag'");
    }
}
