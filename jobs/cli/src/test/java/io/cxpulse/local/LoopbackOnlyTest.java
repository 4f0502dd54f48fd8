package io.cxpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.config.JobConfig;
import io.cxpulse.config.JobOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The local servers the demo starts listen on 127.0.0.1 only: every listening TCP socket owned by the ClickHouse
 * process, the Kafka broker's process, and (in this JVM) the Flink mini-cluster with its web UI is bound to the
 * loopback address, read from /proc/net/tcp and /proc/net/tcp6 and tied to each process through /proc/PID/fd.
 */
class LoopbackOnlyTest {

    private static final Pattern SOCKET = Pattern.compile("socket:\\[(\\d+)]");
    private static final String LISTEN = "0A";

    @TempDir
    Path dir;

    /** A listening socket: its local address as the kernel writes it (hex) and readable, and its port. */
    record Listener(String hexAddress, int port) {
        boolean loopbackOnly() {
            return hexAddress.equals("0100007F") // 127.0.0.1, little-endian
                    || hexAddress.equals("0000000000000000FFFF00000100007F"); // ::ffff:127.0.0.1
        }
    }

    @Test
    void clickHouseKafkaAndFlinkWithItsWebUiListenOnLoopbackOnly() throws Exception {
        Set<Long> jvmSocketsBefore = socketInodes(ProcessHandle.current().pid());
        // started side by side: each takes seconds, and neither needs the other
        CompletableFuture<KafkaBroker> kafkaStarting = CompletableFuture.supplyAsync(
                () -> KafkaBroker.start(dir.resolve("kafka"), Ports.free(), Ports.free(), Duration.ofSeconds(90)));
        ClickHouseServer clickhouse;
        try {
            clickhouse = ClickHouseServer.start(dir.resolve("clickhouse"), Ports.free(), Ports.free(), Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            kafkaStarting.thenAccept(KafkaBroker::close);
            throw e;
        }
        try (clickhouse; KafkaBroker kafka = kafkaStarting.join()) {
            JobConfig config = CommandLine.populateCommand(new JobOptions(), "--parallelism", "1").toConfig(Map.of());
            int uiPort = Ports.free();
            try (LocalFlink flink = LocalFlink.start(config, dir.resolve("flink"), uiPort, false, "loopback-check",
                    (env, local) -> env.fromSequence(0, Long.MAX_VALUE).sinkTo(new DiscardingSink<>()))) {
                flink.awaitRunning(Duration.ofSeconds(60));

                List<Listener> clickhouseListeners = listeners(socketInodes(clickhouse.pid()));
                List<Listener> kafkaListeners = listeners(socketInodes(kafka.pid()));
                Set<Long> flinkSockets = socketInodes(ProcessHandle.current().pid());
                flinkSockets.removeAll(jvmSocketsBefore);
                List<Listener> flinkListeners = listeners(flinkSockets);

                assertThat(clickhouseListeners).as("ClickHouse HTTP and native").hasSizeGreaterThanOrEqualTo(2)
                        .allMatch(Listener::loopbackOnly);
                assertThat(kafkaListeners).as("Kafka broker and controller").hasSizeGreaterThanOrEqualTo(2)
                        .allMatch(Listener::loopbackOnly);
                assertThat(flinkListeners).as("Flink: web UI, RPC, blob server…")
                        .anyMatch(l -> l.port() == uiPort).allMatch(Listener::loopbackOnly);
            }
        }
    }

    private static Set<Long> socketInodes(long pid) throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    Matcher m = SOCKET.matcher(Files.readSymbolicLink(fd).toString());
                    if (m.matches()) {
                        inodes.add(Long.parseLong(m.group(1)));
                    }
                } catch (IOException closedMeanwhile) {
                    // a descriptor closed while we listed them
                }
            }
        }
        return inodes;
    }

    /** Listening sockets among {@code inodes}, from both the IPv4 and the IPv6 table. */
    private static List<Listener> listeners(Set<Long> inodes) throws IOException {
        List<Listener> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                if (f[3].equals(LISTEN) && inodes.contains(Long.parseLong(f[9]))) {
                    out.add(new Listener(local[0], Integer.parseInt(local[1], 16)));
                }
            }
        }
        return out;
    }
}
