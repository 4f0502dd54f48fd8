package io.cxpulse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class JobOptionsTest {

    private static JobConfig parse(Map<String, String> env, String... args) {
        JobOptions options = new JobOptions();
        CommandLine cli = new CommandLine(options);
        cli.setDefaultValueProvider(ConfigDefaults.from(args, env));
        cli.parseArgs(args);
        return options.toConfig(env);
    }

    @Test
    void defaultsAreTheLocalDemo() {
        JobConfig c = parse(Map.of());
        assertThat(c.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(c.clickhouseUrl()).isEqualTo("http://127.0.0.1:8123");
        assertThat(c.clickhouseDatabase()).isEqualTo("cxpulse");
        assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.clickhousePassword().isSet()).isFalse();
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cxpulse.properties");
        Files.writeString(file, "clickhouse-database=from_file\nsink-batch-rows=77\ndedupe-ttl=2h\n");
        Map<String, String> env = Map.of("CXPULSE_CONFIG", file.toString(), "CXPULSE_SINK_BATCH_ROWS", "88");
        JobConfig c = parse(env, "--dedupe-ttl", "3h");
        assertThat(c.clickhouseDatabase()).isEqualTo("from_file");
        assertThat(c.sinkBatchRows()).isEqualTo(88);
        assertThat(c.dedupeTtl()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void thePasswordComesFromTheEnvironmentAndIsNeverPrinted() {
        JobConfig c = parse(Map.of("CXPULSE_CLICKHOUSE_PASSWORD", "s3cr3t-value"));
        assertThat(c.clickhousePassword().reveal()).isEqualTo("s3cr3t-value");
        assertThat(c.describe()).doesNotContain("s3cr3t-value").contains("clickhouse-password = <set>");
    }

    @Test
    void kafkaSecretsFromThePropertiesFileAreRedacted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kafka.properties");
        Files.writeString(file, "security.protocol=SASL_SSL\nsasl.jaas.config=org.Foo required password=\"hunter2\";\n");
        JobConfig c = parse(Map.of(), "--kafka-properties-file", file.toString());
        assertThat(c.kafkaProperties().getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(c.describe()).doesNotContain("hunter2").contains("sasl.jaas.config=<redacted>");
    }

    @Test
    void badSettingsNameTheFlagAtFault() {
        assertThatThrownBy(() -> parse(Map.of(), "--clickhouse-url", "localhost:8123"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--clickhouse-url:");
        assertThatThrownBy(() -> parse(Map.of(), "--kafka-bootstrap-servers", "nohostport"))
                .hasMessageStartingWith("--kafka-bootstrap-servers:");
        assertThatThrownBy(() -> parse(Map.of(), "--clickhouse-database", "drop table;"))
                .hasMessageStartingWith("--clickhouse-database:");
        assertThatThrownBy(() -> parse(Map.of(), "--sink-batch-rows", "0"))
                .hasMessageStartingWith("--sink-batch-rows must be between");
        assertThatThrownBy(() -> parse(Map.of(), "--checkpoint-interval", "soon"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("'soon' is not a duration");
        assertThatThrownBy(() -> parse(Map.of(), "--sentiment-model", "/nonexistent/model.bin"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--sentiment-model: cannot load '/nonexistent/model.bin'");
        assertThatThrownBy(() -> parse(Map.of(), "--taxonomy", "/nonexistent/taxonomy.json"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--taxonomy: cannot load '/nonexistent/taxonomy.json'");
        assertThatThrownBy(() -> parse(Map.of("CXPULSE_CONFIG", "/nonexistent/cx.properties")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("/nonexistent/cx.properties cannot be read");
    }

    @Test
    void kafkaStartAndStopAreValidatedTogether() {
        JobConfig defaults = parse(Map.of());
        assertThat(defaults.kafkaRange()).isEqualTo(new KafkaRange("committed", null));
        assertThat(defaults.kafkaRange().stopMs()).isNull();
        assertThat(defaults.notifications()).isTrue();
        assertThat(parse(Map.of(), "--no-notify").notifications()).isFalse();

        JobConfig replay = parse(Map.of(), "--kafka-start-from", "2026-12-01T08:00:00Z", "--kafka-stop-at", "2026-12-01T09:30:00+01:00");
        assertThat(replay.kafkaRange().startMs()).isEqualTo(java.time.Instant.parse("2026-12-01T08:00:00Z").toEpochMilli());
        assertThat(replay.kafkaRange().stopMs()).isEqualTo(java.time.Instant.parse("2026-12-01T08:30:00Z").toEpochMilli());
        assertThat(replay.describe()).contains("kafka-start-from = 2026-12-01T08:00:00Z", "kafka-stop-at = 2026-12-01T08:30:00Z");
        assertThat(parse(Map.of(), "--kafka-start-from", "EARLIEST").kafkaRange()).isEqualTo(new KafkaRange("earliest", null));

        assertThatThrownBy(() -> parse(Map.of(), "--kafka-start-from", "yesterday"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--kafka-start-from: 'yesterday' is neither");
        assertThatThrownBy(() -> parse(Map.of(), "--kafka-stop-at", "latest"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--kafka-stop-at: 'latest' is not an ISO-8601 time");
        assertThatThrownBy(() -> parse(Map.of(), "--kafka-start-from", "2026-12-01T08:00:00Z", "--kafka-stop-at", "2026-12-01T07:00:00Z"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--kafka-stop-at 2026-12-01T07:00:00Z must be after");
    }
}
