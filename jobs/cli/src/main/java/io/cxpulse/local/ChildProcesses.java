package io.cxpulse.local;

import java.time.Duration;
import java.util.List;
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
