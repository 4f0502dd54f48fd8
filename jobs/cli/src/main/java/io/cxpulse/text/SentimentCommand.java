package io.cxpulse.text;

import io.cxpulse.enrich.text.SentimentModel;
import io.cxpulse.enrich.text.SentimentResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cxpulse sentiment}: scores UTF-8 lines from {@code --file} or standard input, one text per line, and prints
 * one line per input line in the same order: {@code score<TAB>label} (label positive, negative or neutral).
 */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = {"Score the sentiment of text, one text per line (UTF-8), from --file or standard input.",
                "Prints score<TAB>label per input line, in order; score in [-1, 1]."})
public final class SentimentCommand implements Callable<Integer> {

    @Option(names = "--file", paramLabel = "FILE", description = "Read texts from FILE instead of standard input.")
    Path file;

    @Option(names = "--model", paramLabel = "PATH",
            description = "Model file (default: the model shipped with the job, " + SentimentModel.DEFAULT_RESOURCE
                    + "; also $CXPULSE_SENTIMENT_MODEL).")
    String model;

    @Option(names = "--verbose", description = "Also print confidence and language: score<TAB>label<TAB>confidence"
            + "<TAB>language.")
    boolean verbose;

    /** Where lines go; standard output (unbuffered file descriptor, buffered here) when null. */
    java.io.OutputStream out;

    @Override
    public Integer call() throws Exception {
        String location = model;
        if (location == null) {
            String env = System.getenv("CXPULSE_SENTIMENT_MODEL");
            location = env == null || env.isBlank() ? null : env;
        }
        SentimentModel m = SentimentModel.cached(location);
        SentimentResult r = new SentimentResult();
        BufferedReader in = file != null
                ? Files.newBufferedReader(file, StandardCharsets.UTF_8)
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 16);
        Writer w = new BufferedWriter(new OutputStreamWriter(
                this.out != null ? this.out : new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16);
        try (in) {
            StringBuilder sb = new StringBuilder(64);
            String line;
            while ((line = in.readLine()) != null) {
                m.score(line, r);
                sb.setLength(0);
                appendScore(sb, r.score());
                sb.append('\t').append(m.label(r.score()));
                if (verbose) {
                    sb.append('\t');
                    appendScore(sb, r.confidence());
                    sb.append('\t').append(r.language());
                }
                sb.append('\n');
                w.append(sb);
            }
        } finally {
            w.flush();
        }
        return 0;
    }

    /** Fixed 4 decimals, no Formatter on the per-line path. */
    static void appendScore(StringBuilder sb, float v) {
        long q = Math.round(v * 10000.0);
        if (q < 0) {
            sb.append('-');
            q = -q;
        }
        sb.append(q / 10000).append('.');
        long frac = q % 10000;
        if (frac < 1000) {
            sb.append('0');
        }
        if (frac < 100) {
            sb.append('0');
        }
        if (frac < 10) {
            sb.append('0');
        }
        sb.append(frac);
    }

    /** Stand-alone entry point (the product's root command normally hosts this one). */
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        System.exit(new CommandLine(new SentimentCommand()).execute(args));
    }
}
