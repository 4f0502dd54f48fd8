package io.cxpulse.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the ClickHouse server program on this machine, installing Debian's package when that is possible: the
 * command that starts a server is either {@code clickhouse-server} (Debian's package, older releases) or
 * {@code clickhouse server} (the single binary of current releases).
 */
public final class ClickHouseBinary {

    private static final List<String> INSTALL = List.of(
            "apt-get", "install", "-y", "clickhouse-server", "clickhouse-client");

    private ClickHouseBinary() {
    }

    /** The command that runs a server, without its arguments, if one is on this machine. */
    public static Optional<List<String>> find() {
        Optional<Path> server = onPath("clickhouse-server")
                .or(() -> executable(Path.of("/usr/sbin/clickhouse-server")))
                .or(() -> executable(Path.of("/usr/bin/clickhouse-server")));
        if (server.isPresent()) {
            return Optional.of(List.of(server.get().toString()));
        }
        return onPath("clickhouse")
                .or(() -> executable(Path.of("/usr/bin/clickhouse")))
                .or(() -> executable(Path.of("/usr/local/bin/clickhouse")))
                .map(multi -> List.of(multi.toString(), "server"));
    }

    /** As {@link #find()}, installing Debian's package first where we may; otherwise says what to install. */
    public static List<String> findOrInstall(PrintStream out) {
        Optional<List<String>> found = find();
        if (found.isPresent()) {
            return found.get();
        }
        if (!Files.exists(Path.of("/etc/debian_version")) || !isRoot()) {
            throw new IllegalStateException("no ClickHouse server found (looked for clickhouse-server and clickhouse on PATH,"
                    + " /usr/sbin/clickhouse-server, /usr/bin/clickhouse). Install one: on Debian/Ubuntu run"
                    + " 'sudo apt-get install -y clickhouse-server clickhouse-client'; elsewhere put the single 'clickhouse'"
                    + " binary from https://clickhouse.com/docs/en/install on PATH");
        }
        out.println("ClickHouse is not installed: installing Debian's package (apt-get update; apt-get install -y"
                + " clickhouse-server clickhouse-client)");
        run(List.of("apt-get", "update"));
        run(INSTALL);
        return find().orElseThrow(() -> new IllegalStateException(
                "apt-get installed clickhouse-server but no clickhouse-server binary is on PATH or in /usr/sbin"));
    }

    private static void run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        try {
            Process process = builder.start();
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", command) + "' did not finish within 15 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("'" + String.join(" ", command) + "' failed (exit " + process.exitValue()
                        + "); install ClickHouse yourself: apt-get install -y clickhouse-server clickhouse-client");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run '" + String.join(" ", command) + "'", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running '" + String.join(" ", command) + "'", e);
        }
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (!directory.isBlank()) {
                Optional<Path> found = executable(Path.of(directory, name));
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> executable(Path candidate) {
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    /** /proc/self belongs to the user this process runs as. */
    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }
}
