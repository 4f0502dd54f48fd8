package io.cxpulse.evaluate;

import io.cxpulse.churn.ChurnModel;
import io.cxpulse.churn.CustomerScore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cxpulse evaluate churn}: how well the churn risk foresees churn on a simulated period, and calibration. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, description = "Measure the product's models.",
        subcommands = EvaluateCommand.Churn.class)
public final class EvaluateCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "churn", mixinStandardHelpOptions = true,
            description = "Run a simulated period (fast-forwarded in event time) through the real job and print the ROC AUC "
                    + "of the churn risk 7 days and 1 day before each churn, the lead time of the alert threshold and the "
                    + "share of churners flagged. With --fit, first calibrate the model on another simulated period.")
    public static final class Churn implements Callable<Integer> {

        @Option(names = "--seed", defaultValue = "2", description = "Simulated period to evaluate on. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--customers", defaultValue = "1000", description = "Default: ${DEFAULT-VALUE}.")
        int customers;

        @Option(names = "--days", defaultValue = "60", description = "Simulated days. Default: ${DEFAULT-VALUE}.")
        int days;

        @Option(names = "--events-per-customer-per-day", defaultValue = "4", description = "Default: ${DEFAULT-VALUE}.")
        double eventsPerCustomerPerDay;

        @Option(names = "--threshold", defaultValue = "0.5",
                description = "Risk at which an account manager is alerted (for lead time and flagged share). Default: ${DEFAULT-VALUE}.")
        double threshold;

        @Option(names = "--churn-model", paramLabel = "FILE", description = "Model to evaluate; default: the shipped one.")
        String churnModel;

        @Option(names = "--fit", description = "Calibrate the model on the period --fit-seed first, then evaluate that model.")
        boolean fit;

        @Option(names = "--fit-seed", defaultValue = "1", description = "Simulated period to calibrate on. Default: ${DEFAULT-VALUE}.")
        long fitSeed;

        @Option(names = "--label-days", defaultValue = "14",
                description = "With --fit: a score counts as preceding a churn when the customer cancels within this many days. Default: ${DEFAULT-VALUE}.")
        int labelDays;

        @Option(names = "--prior-strength", defaultValue = "0.2",
                description = "With --fit: how strongly weights are pulled towards the domain priors (L2, standardised units). Default: ${DEFAULT-VALUE}.")
        double priorStrength;

        @Option(names = "--out", paramLabel = "FILE", description = "With --fit: where to write the calibrated model (JSON).")
        Path out;

        @Option(names = "--version-name", defaultValue = "churn-v1", description = "With --fit: the model's version. Default: ${DEFAULT-VALUE}.")
        String versionName;

        @Option(names = "--timeout", defaultValue = "20m", converter = io.cxpulse.config.Durations.class,
                description = "Longest one run through the job may take. Default: ${DEFAULT-VALUE}.")
        Duration timeout;

        @Option(names = "--dump-features", paramLabel = "DIR", hidden = true,
                description = "Write the evaluated period's score rows and events (no texts) as CSV for offline analysis.")
        Path dumpFeatures;

        @Override
        public Integer call() throws Exception {
            if (threshold <= 0 || threshold >= 1) {
                throw new IllegalArgumentException("--threshold must be in (0, 1), got " + threshold);
            }
            if (out != null && !fit) {
                throw new IllegalArgumentException("--out writes a calibrated model: it needs --fit");
            }
            String model = churnModel;
            if (fit) {
                EvaluationScenario calibration = new EvaluationScenario(fitSeed, customers, days, eventsPerCustomerPerDay);
                EvaluationScenario.Truth truth = describe("calibration", calibration);
                List<CustomerScore> rows = run(calibration, truth, churnModel);
                ChurnFit.Prior prior = ChurnFit.Prior.shipped();
                ChurnModel fitted = ChurnFit.fit(rows, truth.cancelledAtMs(), labelDays * io.cxpulse.profile.Decay.DAY_MS,
                        versionName, 3000, priorStrength, prior.weights(), prior.minWeights());
                String json = fitted.toJson(String.format(Locale.ROOT, "Calibrated by `cxpulse evaluate churn --fit` on a "
                        + "simulated period (seed %d, %d customers, %d days, %.1f events per customer per day): "
                        + "churn_risk is the probability of cancelling within %d days.", fitSeed, customers, days,
                        eventsPerCustomerPerDay, labelDays)).toPrettyString() + "\n";
                Path target = out != null ? out : Files.createTempFile("churn-model-", ".json");
                Files.writeString(target, json, StandardCharsets.UTF_8);
                System.out.println("calibrated model written to " + target.toAbsolutePath());
                model = target.toString();
            }
            EvaluationScenario evaluation = new EvaluationScenario(seed, customers, days, eventsPerCustomerPerDay);
            EvaluationScenario.Truth truth = describe("evaluation", evaluation);
            List<CustomerScore> rows = run(evaluation, truth, model);
            if (dumpFeatures != null) {
                FeatureDump.write(dumpFeatures, evaluation, rows);
            }
            ChurnMetrics.Result r = new ChurnMetrics(rows).evaluate(truth.cancelledAtMs(), truth.customers(),
                    evaluation.startMs(), threshold);
            System.out.printf(Locale.ROOT, "%nchurn model %s on period seed %d (%d churners, %d stayers, %d score rows):%n",
                    model == null ? "(shipped)" : model, seed, r.churners(), r.stayers(), rows.size());
            System.out.printf(Locale.ROOT, "  ROC AUC 7 days before churn   %.3f  (%d churners judged)%n", r.auc7d(), r.judged7d());
            System.out.printf(Locale.ROOT, "  ROC AUC 1 day before churn    %.3f  (%d churners judged)%n", r.auc1d(), r.judged1d());
            System.out.printf(Locale.ROOT, "  churners flagged (risk >= %.2f within 30 days before)  %.3f%n", threshold, r.flaggedShare());
            System.out.printf(Locale.ROOT, "  median lead time, threshold crossing to churn  %.1f days%n", r.medianLeadDays());
            System.out.printf(Locale.ROOT, "  stayers ever flagged (false alarms)  %.3f%n", r.falseFlagShare());
            System.out.printf(Locale.ROOT, "%n  threshold  churners flagged  median lead (days)  stayers flagged%n");
            ChurnMetrics metrics = new ChurnMetrics(rows);
            for (double t : new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.7}) {
                ChurnMetrics.Result at = metrics.evaluate(truth.cancelledAtMs(), truth.customers(), evaluation.startMs(), t);
                System.out.printf(Locale.ROOT, "  %9.2f  %16.3f  %18.1f  %15.3f%n", t, at.flaggedShare(), at.medianLeadDays(),
                        at.falseFlagShare());
            }
            return 0;
        }

        private EvaluationScenario.Truth describe(String role, EvaluationScenario scenario) {
            long t0 = System.nanoTime();
            EvaluationScenario.Truth truth = scenario.truth();
            System.out.printf(Locale.ROOT, "%s period: seed %d, %d customers, %d days, %d events, %d cancellations "
                    + "(simulated in %.1f s)%n", role, scenario.seed(), scenario.customers(), scenario.days(),
                    truth.eventRecords(), truth.cancelledAtMs().size(), (System.nanoTime() - t0) / 1e9);
            return truth;
        }

        private List<CustomerScore> run(EvaluationScenario scenario, EvaluationScenario.Truth truth, String model)
                throws Exception {
            long t0 = System.nanoTime();
            System.out.printf("running it through the experience-monitor job (mini-cluster, RocksDB)…%n");
            List<CustomerScore> rows = ChurnRun.scores(scenario, truth.eventRecords(), model, timeout);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "  %d score rows in %.1f s (%.0f events/s)%n", rows.size(), seconds,
                    truth.eventRecords() / seconds);
            return rows;
        }
    }
}
