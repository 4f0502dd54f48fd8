package io.cxpulse.cli;

import io.cxpulse.config.JobConfig;
import io.cxpulse.config.JobOptions;
import io.cxpulse.job.ExperienceMonitorJob;
import io.cxpulse.job.JobSinks;
import io.cxpulse.job.JobSources;
import io.cxpulse.local.LocalFlink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The job on a local mini-cluster against Kafka and ClickHouse that run elsewhere (no demo servers, no simulator). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the experience-monitor job on a local Flink mini-cluster against existing Kafka and ClickHouse.")
public final class RunCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    JobOptions options = new JobOptions();

    @Option(names = "--state-dir", defaultValue = ".cxpulse/flink",
            description = "Where checkpoints and savepoints are kept; the newest is resumed. Default: ${DEFAULT-VALUE}.")
    Path stateDir;

    @Option(names = "--flink-ui-port", defaultValue = "8081", description = "Flink web UI on 127.0.0.1; 0 = none. Default: ${DEFAULT-VALUE}.")
    int uiPort;

    @Override
    public Integer call() throws Exception {
        JobConfig config = options.toConfig(System.getenv());
        LOG.info("{}", config.describe());
        ExperienceMonitorJob.migrate(config);
        CountDownLatch stopped = new CountDownLatch(1);
        LocalFlink flink = LocalFlink.start(config, JobSources.kafka(config), JobSinks.production(config), stateDir, uiPort);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            flink.stop(Duration.ofSeconds(20));
            stopped.countDown();
        }, "cxpulse-run-shutdown"));
        System.out.println("experience-monitor running" + (uiPort > 0 ? "; Flink UI http://127.0.0.1:" + uiPort : "")
                + ". Ctrl-C stops it with a savepoint.");
        stopped.await();
        return 0;
    }
}
