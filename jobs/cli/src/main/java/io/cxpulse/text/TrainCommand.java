package io.cxpulse.text;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code cxpulse train}: offline training of the job's models. Subcommands: {@code sentiment}. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the job's models offline.",
        subcommands = {TrainCommand.Sentiment.class})
public final class TrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    /** {@code cxpulse train sentiment}: trains the bilingual sentiment model and writes it with its metrics. */
    @Command(name = "sentiment", mixinStandardHelpOptions = true,
            description = {"Train the sentiment model on labeled corpora (and your own labeled feedback).",
                    "Writes <out>/<version>.bin and <out>/<version>.metrics.json and prints held-out accuracy.",
                    "Same data + seed => same model bytes."})
    public static final class Sentiment implements Callable<Integer> {

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "Labeled corpora (zh/*.csv, en/*GroundTruth.txt, en/vader_lexicon.txt). "
                        + "Default: $CXPULSE_DATASETS, else ../shared/datasets/sentiment from the repository root.")
        Path dataDir;

        @Option(names = "--extra", paramLabel = "FILE",
                description = "Your labeled feedback, repeatable: TSV label<TAB>text with label positive|negative|"
                        + "neutral or 1|-1|0 (a .csv file is read as label,review with label 1/0).")
        List<Path> extra = new ArrayList<>();

        @Option(names = "--check", paramLabel = "FILE",
                description = "Evaluation-only labeled TSV (same format as --extra), repeatable. "
                        + "Default: the hand-written check set in the repository, when present.")
        List<Path> checks = new ArrayList<>();

        @Option(names = "--out", paramLabel = "DIR",
                description = "Output directory. Default: jobs/experience-monitor/src/main/resources/cxpulse/models/")
        Path out;

        @Option(names = "--seed", defaultValue = "42", description = "Shuffle seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--version", defaultValue = "sentiment-v1", paramLabel = "NAME",
                description = "Model version name; also the file name (default: ${DEFAULT-VALUE}).")
        String version;

        @Option(names = "--hash-bits", defaultValue = "20", description = "log2 of the hashed feature space "
                + "(default: ${DEFAULT-VALUE}; the weights take 2^bits × 2 bytes in memory).")
        int hashBits;

        @Option(names = "--epochs", defaultValue = "6", description = "Passes over the data (default: ${DEFAULT-VALUE}).")
        int epochs;

        @Option(names = "--alpha", defaultValue = "0.05", description = "FTRL learning rate (default: ${DEFAULT-VALUE}).")
        double alpha;

        @Option(names = "--l1", defaultValue = "0.5", description = "FTRL L1 strength (default: ${DEFAULT-VALUE}).")
        double l1;

        @Option(names = "--l2", defaultValue = "2.0", description = "FTRL L2 strength (default: ${DEFAULT-VALUE}).")
        double l2;

        @Option(names = "--english-weight", defaultValue = "2.0",
                description = "Example weight of English texts relative to Chinese (default: ${DEFAULT-VALUE}).")
        double englishWeight;

        @Option(names = "--lexicon-doc-weight", defaultValue = "0.5",
                description = "Weight of lexicon entries as pseudo-documents, 0 = off (default: ${DEFAULT-VALUE}).")
        double lexiconDocWeight;

        @Option(names = "--neutral-band", defaultValue = "0.2",
                description = "|score| below this is labelled neutral (default: ${DEFAULT-VALUE}).")
        float neutralBand;

        @Override
        public Integer call() throws Exception {
            Path data = dataDir != null ? dataDir : RepoPaths.defaultDatasets();
            Path outDir = out != null ? out : RepoPaths.defaultModelDir();
            List<Path> checkFiles = new ArrayList<>(checks);
            if (checkFiles.isEmpty() && Files.exists(RepoPaths.defaultCheckFile())) {
                checkFiles.add(RepoPaths.defaultCheckFile());
            }
            SentimentTrainer.Options d = SentimentTrainer.Options.defaults(data, outDir);
            SentimentTrainer.Options options = new SentimentTrainer.Options(data, extra, checkFiles, outDir, seed,
                    version, hashBits, epochs, alpha, d.beta(), l1, l2, d.heldOutPercent(), englishWeight,
                    lexiconDocWeight, neutralBand);
            SentimentTrainer.Result r = new SentimentTrainer(options, System.out).run();
            System.out.println("point the job at it with --sentiment-model " + r.modelFile()
                    + " (or CXPULSE_SENTIMENT_MODEL)");
            return 0;
        }
    }

    /** Stand-alone entry point (the product's root command normally hosts this one). */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainCommand()).execute(args));
    }
}
