package io.cxpulse.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server left running by a JVM that was killed is found by its pid file and stopped; anyone else's process is not. */
class ChildProcessesTest {

    @TempDir
    Path dir;

    @Test
    void stopsTheLeftOverProcessThatItsPidFileNames() throws Exception {
        Path pidFile = dir.resolve("server.pid");
        Process leftOver = new ProcessBuilder("sleep", "600").start();
        try {
            ChildProcesses.recordPid(pidFile, leftOver);
            assertThat(ChildProcesses.stopLeftOver(pidFile, "sleep 600")).isTrue();
            assertThat(leftOver.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(pidFile).doesNotExist();
        } finally {
            leftOver.destroyForcibly();
        }
    }

    @Test
    void leavesAloneAProcessThatIsNotTheServer() throws Exception {
        Path pidFile = dir.resolve("server.pid");
        Process other = new ProcessBuilder("sleep", "600").start();
        try {
            // the pid was reused by something else: its command line does not name the server's directory
            ChildProcesses.recordPid(pidFile, other);
            assertThat(ChildProcesses.stopLeftOver(pidFile, dir.resolve("config.xml").toString())).isFalse();
            assertThat(other.isAlive()).isTrue();
            assertThat(pidFile).doesNotExist();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aGoneOrUnreadablePidIsNoProblem() throws Exception {
        Path pidFile = dir.resolve("server.pid");
        assertThat(ChildProcesses.stopLeftOver(pidFile, "anything")).isFalse();
        Files.writeString(pidFile, "not a pid");
        assertThat(ChildProcesses.stopLeftOver(pidFile, "anything")).isFalse();
        assertThat(pidFile).doesNotExist();
    }
}
