package io.cxpulse.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Needs a ClickHouse server binary on the machine: without one this fails, it never skips. */
class ClickHouseServerTest {

    @TempDir
    Path dir;

    @Test
    void answersQueriesAndLeavesNoProcessBehind() {
        assertThat(ClickHouseBinary.find())
                .as("a ClickHouse server binary (Debian: apt-get install -y clickhouse-server clickhouse-client)")
                .isPresent();
        long pid;
        try (ClickHouseServer server = ClickHouseServer.start(dir, Ports.free(), Ports.free(), Duration.ofSeconds(60))) {
            pid = server.pid();
            assertThat(server.version()).matches("\\d+\\.\\d+.*");
            server.query("CREATE TABLE t (id UInt32, name String) ENGINE = MergeTree ORDER BY id");
            server.query("INSERT INTO t VALUES (2, 'b'), (1, 'a')");
            assertThat(server.query("SELECT id, name FROM t ORDER BY id FORMAT TabSeparated")).isEqualTo("1\ta\n2\tb\n");
            assertThatThrownBy(() -> server.query("SELECT nope FROM t"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("nope");
            server.close();
            server.close(); // idempotent
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> String.join(" ", args).contains(dir.toString())).orElse(false)))
                .isEmpty();
    }

    @Test
    void refusesToStartOnAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> ClickHouseServer.start(dir, port, Ports.free(), Duration.ofSeconds(10)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port + " for ClickHouse HTTP is in use");
        }
    }
}
