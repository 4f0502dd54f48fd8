package io.cxpulse.evaluate;

import io.cxpulse.churn.CustomerScore;
import io.cxpulse.config.JobConfig;
import io.cxpulse.config.JobOptions;
import io.cxpulse.ingest.RecordDecoder;
import io.cxpulse.job.JobSinks;
import io.cxpulse.local.LocalFlink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs a scenario through the real experience-monitor topology on a local mini-cluster with RocksDB (parallelism 1,
 * so each customer's events keep the simulator's order) and returns the score rows it wrote.
 */
final class ChurnRun {

    private ChurnRun() {}

    static List<CustomerScore> scores(EvaluationScenario scenario, long eventRecords, String churnModel, Duration timeout)
            throws Exception {
        // every movement of the score is written, so "the risk at time t" is the model's, not the publishing rule's
        List<String> args = new ArrayList<>(List.of("--parallelism", "1", "--apply-migrations=false",
                "--checkpoint-interval", "30s", "--score-risk-delta", "0.001", "--score-sentiment-delta", "0.02"));
        if (churnModel != null) {
            args.addAll(List.of("--churn-model", churnModel));
        }
        JobConfig config = CommandLine.populateCommand(new JobOptions(), args.toArray(String[]::new)).toConfig(Map.of());
        CollectingSink<CustomerScore> scores = new CollectingSink<>();
        JobSinks sinks = JobSinks.scoresOnly(scores);
        Path state = Files.createTempDirectory("cxpulse-evaluate-");
        RecordDecoder decoder = new RecordDecoder(config.maxRecordBytes(), config.maxFutureSkew().toMillis());
        // a bounded measurement: a failure ends the run instead of being retried forever
        try (LocalFlink job = LocalFlink.start(config, SimulatedSources.of(scenario, eventRecords, decoder), sinks, state, 0,
                false)) {
            job.awaitFinished(timeout);
            return new ArrayList<>(scores.collected());
        } finally {
            scores.release();
            deleteRecursively(state);
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
