package io.cxpulse.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a server process and everything it started, so that no process outlives the caller's close(). */
final class ChildProcesses {

    static final Duration GRACE = Duration.ofSeconds(15);

    private ChildProcesses() {
    }

    /** SIGTERM, up to {@code grace} to shut down cleanly, then kill -9 of whatever of the tree is left. */
    static void stop(Process process, Duration grace) {
        // taken before the parent exits: orphans are re-parented and no longer show up as its descendants
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        boolean exited = waitFor(process.toHandle(), grace);
        for (ProcessHandle child : tree) {
            if (!exited || child.isAlive()) {
                child.destroyForcibly();
            }
        }
        if (!exited) {
            process.destroyForcibly();
        }
        waitFor(process.toHandle(), Duration.ofSeconds(5));
        tree.forEach(child -> waitFor(child, Duration.ofSeconds(5)));
    }

    /**
     * Notes the server's process id in {@code pidFile}, so that should this JVM be killed (kill -9 leaves its children
     * running, re-parented to init) the next start can find and stop the server it left behind.
     */
    static void recordPid(Path pidFile, Process process) {
        try {
            Files.writeString(pidFile, Long.toString(process.pid()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + pidFile, e);
        }
    }

    static void forgetPid(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a stale pid file is checked against the process's command line before anything is stopped
        }
    }

    /**
     * Stops the server an earlier run started from this directory and left running (its JVM was killed before it could
     * stop it): it would hold the ports, the data directory's locks and the data. A pid that is gone, or now belongs
     * to a process whose command line does not name {@code ownMarker} (pids are reused), is left alone.
     *
     * @return whether a left-over process was found and stopped
     */
    static boolean stopLeftOver(Path pidFile, String ownMarker) {
        if (!Files.isRegularFile(pidFile)) {
            return false;
        }
        Optional<ProcessHandle> process;
        try {
            process = ProcessHandle.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim()));
        } catch (IOException | NumberFormatException e) {
            forgetPid(pidFile);
            return false;
        }
        boolean ours = process.filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().commandLine())
                .filter(cmd -> cmd.contains(ownMarker))
                .isPresent();
        if (ours) {
            ProcessHandle handle = process.get();
            handle.destroy();
            if (!waitFor(handle, GRACE)) {
                handle.destroyForcibly();
                waitFor(handle, Duration.ofSeconds(5));
            }
        }
        forgetPid(pidFile);
        return ours;
    }

    private static boolean waitFor(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
