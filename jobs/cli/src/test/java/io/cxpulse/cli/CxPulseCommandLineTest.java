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

    private static String free() {
        return Integer.toString(io.cxpulse.local.Ports.free());
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
    void demoRefusesAModelFileThatCannotBeLoadedBeforeStartingAnything() {
        assertThat(CxPulse.execute("demo", "--sentiment-model", "/nonexistent/model.bin", "--data-dir",
                "target/never-created")).isEqualTo(2);
        assertThat(stderr()).contains("--sentiment-model: cannot load '/nonexistent/model.bin'");
        assertThat(java.nio.file.Path.of("target/never-created")).doesNotExist();
    }

    @Test
    void demoNamesAPortThatIsTaken() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(CxPulse.execute("demo", "--flink-ui-port", Integer.toString(taken.getLocalPort()),
                    "--kafka-port", free(), "--kafka-controller-port", free(), "--clickhouse-port", free(),
                    "--clickhouse-tcp-port", free(), "--data-dir", "target/never-created")).isEqualTo(1);
            assertThat(stderr()).contains("(--flink-ui-port) is in use on 127.0.0.1");
        }
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        assertThat(CxPulse.execute("demo", "--no-such-flag")).isEqualTo(2);
        assertThat(stderr()).contains("Unknown option: '--no-such-flag'");
    }
}
