package io.cxpulse.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cxpulse.enrich.text.LanguageDetector;
import io.cxpulse.enrich.text.Lexicon;
import io.cxpulse.enrich.text.SentimentFeatures;
import io.cxpulse.enrich.text.SentimentModel;
import io.cxpulse.enrich.text.SentimentResult;
import io.cxpulse.enrich.text.TextNormalizer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Trains the bilingual sentiment model: logistic regression with FTRL-Proximal (L1 + L2) over the hashed features of
 * {@link SentimentFeatures}, the lexicon priors as unregularised dense features, and the lexicon entries themselves as
 * small pseudo-documents so that words the training corpora lack (product and social vocabulary, emoji) still carry
 * their prior sign.
 *
 * <p>Deterministic: corpora are read in file order, the held-out split is a hash of the normalised text (about
 * {@code heldOutPercent}% of distinct texts, the same for every seed), the training order is shuffled with
 * {@code seed}, arithmetic is single-threaded, and the model file has no timestamps. Same data + seed ⇒ same bytes.
 */
public final class SentimentTrainer {

    /** Training options; {@link #defaults(Path, Path)} gives the shipped model's settings. */
    public record Options(Path dataDir, List<Path> extra, List<Path> checks, Path outDir, long seed, String version,
                          int hashBits, int epochs, double alpha, double beta, double l1, double l2,
                          int heldOutPercent, double englishWeight, double lexiconDocWeight, float neutralBand) {

        public static Options defaults(Path dataDir, Path outDir) {
            return new Options(dataDir, List.of(), List.of(), outDir, 42L, "sentiment-v1", 20, 6, 0.05, 1.0, 0.5, 2.0,
                    10, 2.0, 0.5, 0.2f);
        }

        public Options with(List<Path> extraFiles, List<Path> checkFiles, long seedValue, String versionName) {
            return new Options(dataDir, extraFiles, checkFiles, outDir, seedValue, versionName, hashBits, epochs, alpha,
                    beta, l1, l2, heldOutPercent, englishWeight, lexiconDocWeight, neutralBand);
        }
    }

    /** What a training run produced. */
    public record Result(SentimentModel model, byte[] modelBytes, Map<String, Object> metrics, Path modelFile,
                         Path metricsFile) {
    }

    private static final int MAX_CHARS = SentimentResult.DEFAULT_MAX_CHARS;

    private final Options o;
    private final PrintStream log;

    public SentimentTrainer(Options options, PrintStream log) {
        this.o = options;
        this.log = log;
    }

    /** Reads, trains, evaluates, and (when {@code outDir} is set) writes the model and its metrics JSON. */
    public Result run() throws IOException {
        long t0 = System.nanoTime();
        List<LabeledText> data = new ArrayList<>();
        if (o.dataDir() != null && Files.isDirectory(o.dataDir())) {
            data.addAll(Corpora.readDataDir(o.dataDir()));
        } else if (o.extra().isEmpty()) {
            throw new IOException("no training data: data directory " + o.dataDir() + " not found and no --extra");
        } else {
            log.println("note: data directory " + o.dataDir() + " not found; training on --extra files only");
        }
        for (Path p : o.extra()) {
            data.addAll(p.toString().endsWith(".csv") ? Corpora.readChineseCsv(p) : Corpora.readUserTsv(p));
        }
        Map<String, Float> lexEntries = buildLexicon();
        Lexicon lexicon = Lexicon.of(lexEntries);
        log.printf(Locale.ROOT, "read %d labeled texts; lexicon %d entries (%.1fs)%n", data.size(), lexicon.size(),
                (System.nanoTime() - t0) / 1e9);

        // split and featurise
        List<Example> train = new ArrayList<>();
        List<Example> held = new ArrayList<>();
        char[] buf = new char[MAX_CHARS];
        int[] idx = new int[SentimentFeatures.maxFeatures(MAX_CHARS)];
        float[] dense = new float[SentimentFeatures.N_DENSE];
        int[] stats = new int[2];
        Map<String, int[]> counts = new TreeMap<>();
        for (LabeledText t : data) {
            int len = TextNormalizer.normalize(t.text(), buf);
            boolean isHeld = heldOut(buf, len);
            int[] c = counts.computeIfAbsent(t.corpus(), k -> new int[4]);
            c[isHeld ? 1 : 0]++;
            if (t.label() == 0) {
                c[isHeld ? 3 : 2]++;
            }
            if (t.label() == 0 && !isHeld) {
                continue; // neutral: not in binary training
            }
            Example e = featurise(t, buf, len, lexicon, idx, dense, stats);
            (isHeld ? held : train).add(e);
        }
        int lexDocs = 0;
        if (o.lexiconDocWeight() > 0) {
            for (Map.Entry<String, Float> en : lexEntries.entrySet()) {
                float v = en.getValue();
                if (Math.abs(v) < 1.0f) {
                    continue;
                }
                String tok = en.getKey();
                int len = TextNormalizer.normalize(tok, buf);
                Example e = featurise(new LabeledText(tok, v > 0 ? 1 : -1, "lexicon", "other"), buf, len, lexicon,
                        idx, dense, stats);
                e.weight = (float) o.lexiconDocWeight();
                train.add(e);
                lexDocs++;
            }
        }
        log.printf(Locale.ROOT, "train %d examples (%d lexicon pseudo-docs), held out %d (%.1fs)%n", train.size(),
                lexDocs, held.size(), (System.nanoTime() - t0) / 1e9);

        // FTRL-Proximal logistic regression
        int dim = 1 << o.hashBits();
        int nd = SentimentFeatures.N_DENSE;
        int biasIdx = dim + nd;
        double[] z = new double[dim + nd + 1];
        double[] n = new double[dim + nd + 1];
        Random rnd = new Random(o.seed());
        int[] order = new int[train.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < o.epochs(); epoch++) {
            shuffle(order, rnd);
            double loss = 0;
            for (int oi : order) {
                Example e = train.get(oi);
                double xv = e.idx.length > 0 ? 1.0 / Math.sqrt(e.idx.length) : 0;
                double m = w(z[biasIdx], n[biasIdx], 0, 0);
                for (int f : e.idx) {
                    m += w(z[f], n[f], o.l1(), o.l2()) * xv;
                }
                for (int d = 0; d < nd; d++) {
                    m += w(z[dim + d], n[dim + d], 0, 0) * e.dense[d];
                }
                double p = 1.0 / (1.0 + Math.exp(-Math.max(-35, Math.min(35, m))));
                double y = e.label > 0 ? 1 : 0;
                loss += -e.weight * (y > 0 ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12)));
                double g0 = (p - y) * e.weight;
                update(z, n, biasIdx, g0, 0, 0);
                for (int f : e.idx) {
                    update(z, n, f, g0 * xv, o.l1(), o.l2());
                }
                for (int d = 0; d < nd; d++) {
                    update(z, n, dim + d, g0 * e.dense[d], 0, 0);
                }
            }
            log.printf(Locale.ROOT, "epoch %d: mean log-loss %.4f (%.1fs)%n", epoch + 1, loss / order.length,
                    (System.nanoTime() - t0) / 1e9);
        }
        float[] hashed = new float[dim];
        int nonZero = 0;
        for (int i = 0; i < dim; i++) {
            hashed[i] = (float) w(z[i], n[i], o.l1(), o.l2());
            if (hashed[i] != 0f) {
                nonZero++;
            }
        }
        float[] denseW = new float[nd];
        for (int d = 0; d < nd; d++) {
            denseW[d] = (float) w(z[dim + d], n[dim + d], 0, 0);
        }
        float bias = (float) w(z[biasIdx], n[biasIdx], 0, 0);
        log.printf(Locale.ROOT, "non-zero hashed weights: %d of %d; dense weights %s; bias %.3f%n", nonZero, dim,
                Arrays.toString(denseW), bias);

        // evaluate the quantised model exactly as the job will load it
        SentimentModel draft = SentimentModel.fromTrained(o.version(), "{}", o.hashBits(), o.neutralBand(), bias,
                denseW, hashed, lexicon);
        SentimentModel loaded = SentimentModel.read(new ByteArrayInputStream(draft.toBytes()));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("model_version", o.version());
        metrics.put("format", SentimentModel.FORMAT);
        metrics.put("seed", o.seed());
        metrics.put("hash_bits", o.hashBits());
        metrics.put("epochs", o.epochs());
        metrics.put("l1", o.l1());
        metrics.put("l2", o.l2());
        metrics.put("held_out_percent", o.heldOutPercent());
        metrics.put("neutral_band", o.neutralBand());
        metrics.put("lexicon_entries", lexicon.size());
        metrics.put("non_zero_weights", nonZero);
        Map<String, Object> corpora = new LinkedHashMap<>();
        counts.forEach((k, c) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("train", c[0]);
            m.put("held_out", c[1]);
            m.put("neutral_train", c[2]);
            m.put("neutral_held_out", c[3]);
            corpora.put(k, m);
        });
        metrics.put("corpora", corpora);
        metrics.put("held_out", evaluate(loaded, held));
        Map<String, Object> checks = new LinkedHashMap<>();
        for (Path p : o.checks()) {
            if (!Files.exists(p)) {
                continue;
            }
            List<Example> ex = new ArrayList<>();
            for (LabeledText t : Corpora.readUserTsv(p)) {
                int len = TextNormalizer.normalize(t.text(), buf);
                ex.add(featurise(t, buf, len, lexicon, idx, dense, stats));
            }
            checks.put(Corpora.corpusName(p), evaluate(loaded, ex));
        }
        if (!checks.isEmpty()) {
            metrics.put("checks", checks);
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String metaJson = new ObjectMapper().writeValueAsString(metrics);
        if (metaJson.length() > 60_000) {
            metaJson = "{}";
        }
        SentimentModel finalModel = SentimentModel.fromTrained(o.version(), metaJson, o.hashBits(), o.neutralBand(),
                bias, denseW, hashed, lexicon);
        byte[] bytes = finalModel.toBytes();
        metrics.put("model_file_bytes", bytes.length);
        metrics.put("model_heap_bytes", finalModel.memoryBytes());
        printReport(metrics);

        Path modelFile = null;
        Path metricsFile = null;
        if (o.outDir() != null) {
            Files.createDirectories(o.outDir());
            modelFile = o.outDir().resolve(o.version() + ".bin");
            metricsFile = o.outDir().resolve(o.version() + ".metrics.json");
            Files.write(modelFile, bytes);
            Files.writeString(metricsFile, json.writeValueAsString(metrics) + "\n");
            log.printf(Locale.ROOT, "wrote %s (%d bytes) and %s in %.1fs%n", modelFile, bytes.length, metricsFile,
                    (System.nanoTime() - t0) / 1e9);
        }
        return new Result(finalModel, bytes, metrics, modelFile, metricsFile);
    }

    // ------------------------------------------------------------------ lexicon

    private Map<String, Float> buildLexicon() throws IOException {
        Map<String, Float> lex = new TreeMap<>();
        Path vader = o.dataDir() == null ? null : o.dataDir().resolve("en/vader_lexicon.txt");
        Map<String, Float> vaderLex = vader != null && Files.exists(vader) ? Corpora.readLexicon(vader) : Map.of();
        lex.putAll(vaderLex);
        Path emoji = o.dataDir() == null ? null : o.dataDir().resolve("en/emoji_utf8_lexicon.txt");
        if (emoji != null && Files.exists(emoji) && !vaderLex.isEmpty()) {
            // an emoji's prior from its description's words, e.g. "angry face" → angry
            for (Map.Entry<String, String> e : Corpora.readEmojiDescriptions(emoji).entrySet()) {
                float s = 0f;
                for (String w : e.getValue().toLowerCase(Locale.ROOT).split("[^a-z']+")) {
                    Float v = vaderLex.get(w);
                    if (v != null) {
                        s += v;
                    }
                }
                if (s != 0f) {
                    lex.put(e.getKey(), Math.max(-3f, Math.min(3f, s * 0.8f)));
                }
            }
        }
        lex.putAll(Corpora.readLexiconResource("/cxpulse/text/emoji-valence.tsv"));
        lex.putAll(Corpora.readLexiconResource("/cxpulse/text/zh-lexicon.tsv"));
        lex.putAll(Corpora.readLexiconResource("/cxpulse/text/en-customer-lexicon.tsv"));
        return lex;
    }

    // ------------------------------------------------------------------ pieces

    private static final class Example {
        final int[] idx;
        final float[] dense;
        final int label;
        final String corpus;
        final String language;
        float weight;

        Example(int[] idx, float[] dense, int label, String corpus, String language, float weight) {
            this.idx = idx;
            this.dense = dense;
            this.label = label;
            this.corpus = corpus;
            this.language = language;
            this.weight = weight;
        }
    }

    private Example featurise(LabeledText t, char[] buf, int len, Lexicon lex, int[] idx, float[] dense, int[] st) {
        int nf = SentimentFeatures.extract(buf, len, o.hashBits(), lex, idx, dense, st);
        String lang = t.language();
        if (!lang.equals("zh") && !lang.equals("en")) {
            lang = LanguageDetector.code(LanguageDetector.detectCode(buf, len));
        }
        float weight = lang.equals("en") ? (float) o.englishWeight() : 1f;
        return new Example(Arrays.copyOf(idx, nf), dense.clone(), t.label(), t.corpus(), lang, weight);
    }

    private boolean heldOut(char[] buf, int len) {
        long h = SentimentFeatures.key(java.nio.CharBuffer.wrap(buf, 0, len));
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return Long.remainderUnsigned(h, 100) < o.heldOutPercent();
    }

    /** FTRL-Proximal weight from its accumulators. */
    private double w(double z, double n, double l1, double l2) {
        if (Math.abs(z) <= l1) {
            return 0;
        }
        return -(z - Math.signum(z) * l1) / ((o.beta() + Math.sqrt(n)) / o.alpha() + l2);
    }

    private void update(double[] z, double[] n, int i, double g, double l1, double l2) {
        double wi = w(z[i], n[i], l1, l2);
        double sigma = (Math.sqrt(n[i] + g * g) - Math.sqrt(n[i])) / o.alpha();
        z[i] += g - sigma * wi;
        n[i] += g * g;
    }

    private static void shuffle(int[] a, Random rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private Map<String, Object> evaluate(SentimentModel model, List<Example> examples) {
        // margin from the loaded (quantised) model, recomputed from the stored features
        Map<String, long[]> byCorpus = new TreeMap<>();
        Map<String, long[]> byLang = new TreeMap<>();
        long[] all = new long[4];
        float band = model.neutralBand();
        for (Example e : examples) {
            float s = (float) Math.tanh(marginOf(model, e) * 0.5);
            long[] c = byCorpus.computeIfAbsent(e.corpus, k -> new long[4]);
            long[] l = byLang.computeIfAbsent(e.language, k -> new long[4]);
            if (e.label == 0) {
                boolean neutral = Math.abs(s) < band;
                for (long[] a : new long[][] {c, l, all}) {
                    a[2]++;
                    a[3] += neutral ? 1 : 0;
                }
                continue;
            }
            boolean ok = (s >= 0) == (e.label > 0);
            for (long[] a : new long[][] {c, l, all}) {
                a[0]++;
                a[1] += ok ? 1 : 0;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("all", acc(all));
        Map<String, Object> langs = new LinkedHashMap<>();
        byLang.forEach((k, v) -> langs.put(k, acc(v)));
        out.put("by_language", langs);
        Map<String, Object> corp = new LinkedHashMap<>();
        byCorpus.forEach((k, v) -> corp.put(k, acc(v)));
        out.put("by_corpus", corp);
        return out;
    }

    private float marginOf(SentimentModel model, Example e) {
        // same arithmetic as SentimentModel.margin, on the stored feature indices
        return model.marginFromFeatures(e.idx, e.idx.length, e.dense);
    }

    private static Map<String, Object> acc(long[] a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", a[0]);
        m.put("accuracy", a[0] == 0 ? null : Math.round(10000.0 * a[1] / a[0]) / 10000.0);
        if (a[2] > 0) {
            m.put("neutral_n", a[2]);
            m.put("neutral_within_band", Math.round(10000.0 * a[3] / a[2]) / 10000.0);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private void printReport(Map<String, Object> metrics) {
        log.println();
        log.println("held-out binary accuracy (texts clearly positive or negative):");
        Map<String, Object> h = (Map<String, Object>) metrics.get("held_out");
        printSection(h);
        Object checks = metrics.get("checks");
        if (checks instanceof Map<?, ?> cm) {
            for (Map.Entry<?, ?> e : cm.entrySet()) {
                log.println("check set " + e.getKey() + ":");
                printSection((Map<String, Object>) e.getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void printSection(Map<String, Object> h) {
        log.printf(Locale.ROOT, "  %-40s %s%n", "all", fmt((Map<String, Object>) h.get("all")));
        ((Map<String, Object>) h.get("by_language")).forEach((k, v) ->
                log.printf(Locale.ROOT, "  language %-31s %s%n", k, fmt((Map<String, Object>) v)));
        ((Map<String, Object>) h.get("by_corpus")).forEach((k, v) ->
                log.printf(Locale.ROOT, "  corpus %-33s %s%n", k, fmt((Map<String, Object>) v)));
    }

    private static String fmt(Map<String, Object> m) {
        String s = String.format(Locale.ROOT, "accuracy %s (n=%s)", m.get("accuracy"), m.get("n"));
        if (m.containsKey("neutral_n")) {
            s += String.format(Locale.ROOT, "; neutrals within band %s (n=%s)", m.get("neutral_within_band"),
                    m.get("neutral_n"));
        }
        return s;
    }
}
