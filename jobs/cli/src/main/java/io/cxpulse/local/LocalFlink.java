package io.cxpulse.local;

import io.cxpulse.config.JobConfig;
import io.cxpulse.job.ExperienceMonitorJob;
import io.cxpulse.job.JobSinks;
import io.cxpulse.job.JobSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The experience-monitor job on a local Flink mini-cluster with RocksDB, checkpoints kept under a directory of ours,
 * and (optionally) the Flink web UI. Resumes from the newest retained checkpoint or savepoint found there.
 */
public final class LocalFlink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFlink.class);

    private final JobClient job;
    private final Path savepointDir;
    private final String restoredFrom;

    private LocalFlink(JobClient job, Path savepointDir, String restoredFrom) {
        this.job = job;
        this.savepointDir = savepointDir;
        this.restoredFrom = restoredFrom;
    }

    /**
     * @param stateDir  holds {@code checkpoints/} and {@code savepoints/}; the newest complete one is restored
     * @param uiPort    Flink web UI port on 127.0.0.1, or 0 for no UI
     */
    public static LocalFlink start(JobConfig config, JobSources sources, JobSinks sinks, Path stateDir, int uiPort)
            throws Exception {
        return start(config, sources, sinks, stateDir, uiPort, true);
    }

    /** @param restartOnFailure false for bounded runs whose failure should end them (Flink's default retries forever) */
    public static LocalFlink start(JobConfig config, JobSources sources, JobSinks sinks, Path stateDir, int uiPort,
            boolean restartOnFailure) throws Exception {
        return start(config, stateDir, uiPort, restartOnFailure, ExperienceMonitorJob.JOB_NAME,
                (env, local) -> ExperienceMonitorJob.build(env, local, sources, sinks));
    }

    /**
     * Any topology (e.g. the benchmark's pass-through job) on the same mini-cluster set-up as the product job.
     *
     * @param topology builds the data flow on the environment, given the configuration with the local checkpoint dir
     */
    public static LocalFlink start(JobConfig config, Path stateDir, int uiPort, boolean restartOnFailure, String jobName,
            BiConsumer<StreamExecutionEnvironment, JobConfig> topology) throws Exception {
        Path checkpoints = stateDir.resolve("checkpoints").toAbsolutePath();
        Path savepoints = stateDir.resolve("savepoints").toAbsolutePath();
        Files.createDirectories(checkpoints);
        Files.createDirectories(savepoints);
        JobConfig local = config.withCheckpointDir(checkpoints.toUri().toString());

        Configuration conf = ExperienceMonitorJob.flinkConfiguration(local);
        int parallelism = config.parallelism() > 0 ? config.parallelism() : Runtime.getRuntime().availableProcessors();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("256m"));
        // every listening socket on the loopback only: web UI/REST, RPC, and the blob server (which binds to the
        // JobManager's bind-host, 0.0.0.0 unless set); LoopbackOnlyTest checks them all
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.HOST, "127.0.0.1");
        if (!restartOnFailure) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        Optional<Path> restore = newestRestorePoint(stateDir);
        restore.ifPresent(p -> conf.set(StateRecoveryOptions.SAVEPOINT_PATH, p.toUri().toString()));

        StreamExecutionEnvironment env;
        if (uiPort > 0) {
            conf.set(RestOptions.PORT, uiPort);
            // the UI and REST API serve metrics cached for this long (default 10 s): fresh enough to watch a run
            conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(1));
            env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
        } else {
            env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        }
        env.setParallelism(parallelism);
        topology.accept(env, local);
        JobClient client = env.executeAsync(jobName);
        String from = restore.map(Path::toString).orElse(null);
        LOG.info("started {} as job {} (restored from {})", jobName, client.getJobID(),
                from == null ? "nothing: first start" : from);
        return new LocalFlink(client, savepoints, from);
    }

    /** The job's id, as the mini-cluster's REST API names it ({@code /jobs/<id>}). */
    public String jobId() {
        return job.getJobID().toHexString();
    }

    /** The checkpoint or savepoint this run resumed from, or null on a first start. */
    public String restoredFrom() {
        return restoredFrom;
    }

    public JobStatus status() throws Exception {
        return job.getJobStatus().get(10, TimeUnit.SECONDS);
    }

    /** Blocks until the job is running (all tasks deployed) or fails. */
    public void awaitRunning(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JobStatus s = status();
            if (s == JobStatus.RUNNING) {
                return;
            }
            if (s.isGloballyTerminalState()) {
                throw new IllegalStateException("job ended before running: " + s);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("job not running after " + timeout);
    }

    /** Blocks until a bounded job has finished (the local mini-cluster then shuts down); a failure is rethrown. */
    public void awaitFinished(Duration timeout) throws Exception {
        job.getJobExecutionResult().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Stops with a savepoint so the next start resumes exactly here; if that does not finish in time, cancels
     * (retained checkpoints still allow resuming, replaying a few seconds that ClickHouse absorbs by key).
     */
    public void stop(Duration timeout) {
        try {
            String savepoint = job.stopWithSavepoint(false, savepointDir.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("stopped with savepoint {}", savepoint);
        } catch (Exception e) {
            LOG.warn("stop with savepoint did not complete ({}); cancelling", e.toString());
            try {
                job.cancel().get(10, TimeUnit.SECONDS);
            } catch (Exception cancelFailed) {
                LOG.warn("cancel failed: {}", cancelFailed.toString());
            }
        }
    }

    /** Cancels without a savepoint, as a crash would leave things: recovery must come from the checkpoints. */
    public void cancel() throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            if (!status().isGloballyTerminalState()) {
                cancel();
            }
        } catch (Exception e) {
            LOG.debug("job already gone: {}", e.toString());
        }
    }

    /** The newest complete checkpoint ({@code chk-N/_metadata}) or savepoint under {@code stateDir}. */
    public static Optional<Path> newestRestorePoint(Path stateDir) throws IOException {
        if (!Files.isDirectory(stateDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(stateDir, 4)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .filter(p -> {
                        String dir = p.getParent().getFileName().toString();
                        return dir.startsWith("chk-") || dir.startsWith("savepoint-");
                    })
                    .max(Comparator.comparing(LocalFlink::modified))
                    .map(Path::getParent);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
