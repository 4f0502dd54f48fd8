package io.cxpulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxpulse.config.JobConfig;
import io.cxpulse.config.JobOptions;
import io.cxpulse.job.ExperienceMonitorJob;
import io.cxpulse.sink.clickhouse.ClickHouseMigrations;
import io.cxpulse.sink.clickhouse.ClickHouseSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The local server's job user, on a real server (18.16 here: users.xml, no SQL grants): its password is generated
 * once into a file only its owner can read; with it the job's migrations create and fill the job's database; it
 * cannot read another database, and nobody logs in as it without the password.
 */
class ClickHouseJobUserTest {

    @TempDir
    Path dir;

    @Test
    void theJobUserWritesItsDatabaseOnlyAndOnlyWithItsPassword() throws Exception {
        Path passwordFile = ClickHouseServer.jobPasswordFile(dir);
        String password = Files.readString(passwordFile).strip();
        assertThat(password).hasSize(48);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        try (ClickHouseServer server = ClickHouseServer.start(dir, Ports.free(), Ports.free(), Duration.ofSeconds(60), "jobdb")) {
            assertThat(ClickHouseServer.jobPasswordFile(dir)).as("kept across starts").hasContent(password + "\n");
            assertThat(Files.readString(dir.resolve("users.xml"))).doesNotContain(password);
            server.query("CREATE DATABASE other");
            server.query("CREATE TABLE other.t (x UInt8) ENGINE = MergeTree ORDER BY x");

            JobConfig job = config(server, "--clickhouse-password-file", passwordFile.toString());
            ExperienceMonitorJob.migrate(job); // CREATE DATABASE, CREATE TABLE, INSERT, SELECT in jobdb
            assertThat(server.query("SELECT count() FROM jobdb.schema_migrations WHERE status = 'applied'").trim())
                    .isNotEqualTo("0");
            try (var client = ClickHouseSettings.from(job).newClient()) {
                assertThat(ClickHouseMigrations.queryJson(client, "SELECT count() AS n FROM jobdb.events")).hasSize(1);
                assertThatThrownBy(() -> ClickHouseMigrations.queryJson(client, "SELECT count() FROM other.t"))
                        .hasMessageContaining("other");
            }

            Path wrong = Files.writeString(dir.resolve("wrong.password"), "not-" + password);
            for (JobConfig intruder : new JobConfig[] {config(server), config(server, "--clickhouse-password-file", wrong.toString())}) {
                try (var client = ClickHouseSettings.from(intruder).newClient()) {
                    assertThatThrownBy(() -> ClickHouseMigrations.queryJson(client, "SELECT 1 AS one"))
                            .hasMessageMatching("(?is).*(password|authentication).*");
                }
            }
        }
    }

    private static JobConfig config(ClickHouseServer server, String... extra) {
        String[] flags = new String[] {"--clickhouse-url", server.httpUrl(), "--clickhouse-user", ClickHouseServer.JOB_USER,
                "--clickhouse-database", "jobdb"};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(flags), java.util.Arrays.stream(extra))
                .toArray(String[]::new);
        return CommandLine.populateCommand(new JobOptions(), all).toConfig(Map.of());
    }
}
