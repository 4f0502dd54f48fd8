package io.cxpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.config.Secret;
import io.cxpulse.local.ClickHouseServer;
import io.cxpulse.local.Ports;
import io.cxpulse.sink.clickhouse.ClickHouseInserter;
import io.cxpulse.sink.clickhouse.ClickHouseSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While ClickHouse is down the sink waits (back-pressure) instead of failing or dropping; it resumes when it is back. */
class ClickHouseInserterTest {

    @TempDir
    Path dir;

    @Test
    void aBatchWaitsOutAClickHouseOutageAndLandsOnceItIsBack() throws Exception {
        int http = Ports.free();
        int tcp = Ports.free();
        Path data = dir.resolve("clickhouse");
        ClickHouseServer server = ClickHouseServer.start(data, http, tcp, Duration.ofSeconds(60));
        server.query("CREATE DATABASE IF NOT EXISTS t");
        server.query("CREATE TABLE t.rows (id String) ENGINE = MergeTree ORDER BY id");
        ClickHouseSettings settings = new ClickHouseSettings(server.httpUrl(), "default", Secret.of(null), "t", 10,
                Duration.ofSeconds(1), Duration.ofMillis(400));
        AtomicInteger retries = new AtomicInteger();
        try (ClickHouseInserter inserter = new ClickHouseInserter(settings, retries::incrementAndGet)) {
            inserter.insertUntilAccepted("t.rows", "{\"id\":\"before\"}\n".getBytes(StandardCharsets.UTF_8), 1);

            server.close();
            CompletableFuture<Void> during = CompletableFuture.runAsync(() -> {
                try {
                    inserter.insertUntilAccepted("t.rows", "{\"id\":\"during\"}\n".getBytes(StandardCharsets.UTF_8), 1);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(3_000);
            assertThat(during).as("the insert waits while ClickHouse is down").isNotDone();
            assertThat(retries.get()).as("and keeps retrying").isGreaterThanOrEqualTo(3);

            server = ClickHouseServer.start(data, http, tcp, Duration.ofSeconds(60));
            during.get(30, TimeUnit.SECONDS);
            assertThat(server.query("SELECT id FROM t.rows ORDER BY id").trim()).isEqualTo("before\nduring");
        } finally {
            server.close();
        }
    }
}
