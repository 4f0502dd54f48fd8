package io.cxpulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real ClickHouse server process for the local demo and the end-to-end tests, on 127.0.0.1 only, with its
 * configuration, data and logs under the directory it is given (its own output goes to clickhouse.out).
 */
public final class ClickHouseServer implements AutoCloseable {

    private static final String OUT_FILE = "clickhouse.out";
    private static final String PID_FILE = "clickhouse.pid";
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int httpPort;
    private final int tcpPort;
    private final String jobDatabase;
    private final Process process;
    private final HttpClient http;
    private boolean closed;

    private ClickHouseServer(Path dir, int httpPort, int tcpPort, String jobDatabase, Process process, HttpClient http) {
        this.dir = dir;
        this.httpPort = httpPort;
        this.tcpPort = tcpPort;
        this.jobDatabase = jobDatabase;
        this.process = process;
        this.http = http;
    }

    /** The job user's name: it may use the job's database only (see {@link #jobPasswordFile}). */
    public static final String JOB_USER = ClickHouseConfig.JOB_USER;

    /** Starts the server with {@value #JOB_USER} allowed into the database {@code cxpulse}. */
    public static ClickHouseServer start(Path directory, int httpPort, int tcpPort, Duration timeout) {
        return start(directory, httpPort, tcpPort, timeout, "cxpulse");
    }

    /**
     * The file holding the password of {@value #JOB_USER} for a server kept in {@code directory} (mode 600), created
     * with a new random password if it does not exist yet: a job can be configured with it before the server starts.
     */
    public static Path jobPasswordFile(Path directory) {
        return ClickHouseConfig.jobPasswordFile(directory);
    }

    /**
     * Starts the server and returns once /ping answers, or throws with the tail of its error log.
     *
     * @param jobDatabase the one database {@value #JOB_USER} may use
     */
    public static ClickHouseServer start(Path directory, int httpPort, int tcpPort, Duration timeout, String jobDatabase) {
        Path dir = directory.toAbsolutePath();
        stopLeftOver(dir);
        Ports.requireFreeFor(httpPort, "ClickHouse HTTP");
        Ports.requireFreeFor(tcpPort, "ClickHouse native TCP");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> command = new ArrayList<>(ClickHouseBinary.findOrInstall(System.out));
        Path config = ClickHouseConfig.write(dir, httpPort, tcpPort, jobDatabase);
        command.add("--config-file=" + config);

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(OUT_FILE).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // current releases may fork a watchdog parent; one process is simpler to stop
        builder.environment().put("CLICKHOUSE_WATCHDOG_ENABLE", "0");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start '" + String.join(" ", command) + "'", e);
        }
        ChildProcesses.recordPid(dir.resolve(PID_FILE), process);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ClickHouseServer server = new ClickHouseServer(dir, httpPort, tcpPort, jobDatabase, process, http);
        try {
            server.awaitPing(deadline, timeout);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Stops the server an earlier run started in {@code directory} and could not stop (its JVM was killed): it would
     * hold the ports and the data.
     */
    public static void stopLeftOver(Path directory) {
        Path dir = directory.toAbsolutePath();
        if (ChildProcesses.stopLeftOver(dir.resolve(PID_FILE), dir.resolve("config.xml").toString())) {
            System.err.println("stopped the ClickHouse server an earlier run left running in " + dir);
        }
    }

    /** A new server on this one's directory, ports and job database, after this one was closed: the data as it was. */
    public ClickHouseServer startAgain(Duration timeout) {
        if (!closed) {
            throw new IllegalStateException("the ClickHouse server in " + dir + " is still running");
        }
        return start(dir, httpPort, tcpPort, timeout, jobDatabase);
    }

    /** e.g. http://127.0.0.1:8123 */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String version() {
        return query("SELECT version()").trim();
    }

    /**
     * Runs one statement over HTTP and returns the response body; throws with the server's message otherwise. A
     * connection the server closed as idle just as it was reused is retried once on a new one.
     */
    public String query(String sql) {
        try {
            return send(sql);
        } catch (IOException first) {
            try {
                return send(sql);
            } catch (IOException e) {
                e.addSuppressed(first);
                throw new UncheckedIOException("cannot reach ClickHouse at " + httpUrl(), e);
            }
        }
    }

    private String send(String sql) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(httpUrl() + "/"))
                .timeout(QUERY_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse at " + httpUrl() + " answered HTTP " + response.statusCode()
                        + ": " + response.body().trim());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying ClickHouse at " + httpUrl(), e);
        }
    }

    /** The server's process id, so callers and tests can tell that close() left nothing running. */
    public long pid() {
        return process.pid();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ChildProcesses.stop(process, ChildProcesses.GRACE);
        ChildProcesses.forgetPid(dir.resolve(PID_FILE));
    }

    private void awaitPing(long deadline, Duration timeout) {
        HttpRequest ping = HttpRequest.newBuilder(URI.create(httpUrl() + "/ping")).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ClickHouse in " + dir + " exited with " + process.exitValue()
                        + " while starting; " + whyNotUp());
            }
            try {
                HttpResponse<String> response = http.send(ping, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().trim().equals("Ok.")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for ClickHouse in " + dir, e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for ClickHouse in " + dir, e);
            }
        }
        throw new IllegalStateException("ClickHouse in " + dir + " did not answer " + httpUrl() + "/ping within "
                + timeout + "; " + whyNotUp());
    }

    private String whyNotUp() {
        return LogTail.of(dir.resolve(ClickHouseConfig.ERROR_LOG), 20) + "\n" + LogTail.of(dir.resolve(OUT_FILE), 10);
    }
}
