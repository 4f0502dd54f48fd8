package io.cxpulse.enrich.text;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Bilingual (Chinese, English, emoji) sentiment: logistic regression over hashed character/word n-grams plus
 * lexicon prior features ({@link SentimentFeatures}), trained offline by {@code cxpulse train sentiment}.
 *
 * <p>Immutable and thread-safe; weights are int16-quantised in memory (2<sup>hashBits</sup> × 2 bytes, 2 MiB at the
 * shipped 20 bits). Hot path: {@link #score(CharSequence, SentimentResult)} writes into a caller-owned reusable
 * {@link SentimentResult} and allocates nothing. Convenience: {@link #analyze(CharSequence)} returns a
 * {@link Sentiment} record (allocates).
 *
 * <p>In Flink: keep the model in a {@code transient} field and obtain it in {@code open()} with
 * {@link #cached(String)}, which loads each location once per JVM (all task slots of a TaskManager share it).
 *
 * <p>File format ({@code .bin}): 4 bytes magic {@code CXSM}, int format version ({@value #FORMAT}), then a DEFLATE
 * stream of: model version (UTF), metadata JSON (UTF), hash bits, neutral band, bias, dense weights, weight scale,
 * the lexicon (sorted keys), and the int16 weights (little-endian). Same training input ⇒ same bytes.
 */
public final class SentimentModel implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Binary format / feature-extraction version. */
    public static final int FORMAT = 1;
    /** The model shipped with the job. */
    public static final String DEFAULT_RESOURCE = "/cxpulse/models/sentiment-v1.bin";

    private static final int MAGIC = 0x4358534D; // "CXSM"
    private static final Map<String, SentimentModel> CACHE = new ConcurrentHashMap<>();
    private static final ThreadLocal<SentimentResult> SCRATCH = ThreadLocal.withInitial(SentimentResult::new);

    private final String version;
    private final String metadata;
    private final int hashBits;
    private final float neutralBand;
    private final float bias;
    private final float[] denseWeights;
    private final float scale;
    private final short[] weights;
    private final Lexicon lexicon;

    private SentimentModel(String version, String metadata, int hashBits, float neutralBand, float bias,
                           float[] denseWeights, float scale, short[] weights, Lexicon lexicon) {
        if (denseWeights.length != SentimentFeatures.N_DENSE) {
            throw new IllegalArgumentException("expected " + SentimentFeatures.N_DENSE + " dense weights");
        }
        if (weights.length != 1 << hashBits) {
            throw new IllegalArgumentException("weights length must be 2^hashBits");
        }
        this.version = version;
        this.metadata = metadata;
        this.hashBits = hashBits;
        this.neutralBand = neutralBand;
        this.bias = bias;
        this.denseWeights = denseWeights.clone();
        this.scale = scale;
        this.weights = weights;
        this.lexicon = lexicon;
    }

    /** Builds a model from trained float weights, quantising them to int16 (used by the trainer). */
    public static SentimentModel fromTrained(String version, String metadata, int hashBits, float neutralBand,
                                             float bias, float[] denseWeights, float[] hashed, Lexicon lexicon) {
        float max = 0f;
        for (float w : hashed) {
            max = Math.max(max, Math.abs(w));
        }
        float scale = max > 0 ? max / 32767f : 1f;
        short[] q = new short[hashed.length];
        for (int i = 0; i < hashed.length; i++) {
            q[i] = (short) Math.round(hashed[i] / scale);
        }
        return new SentimentModel(version, metadata, hashBits, neutralBand, bias, denseWeights, scale, q, lexicon);
    }

    // ------------------------------------------------------------------ loading

    /** The model shipped with the job ({@value #DEFAULT_RESOURCE}), loaded once per JVM. */
    public static SentimentModel shipped() {
        return cached(null);
    }

    /**
     * The model at {@code location}, loaded once per JVM and shared: {@code null}, empty or {@code "default"} = the
     * shipped model; {@code classpath:/x/y.bin} = a resource; anything else = a file path.
     */
    public static SentimentModel cached(String location) {
        String key = location == null || location.isBlank() ? "default" : location.trim();
        return CACHE.computeIfAbsent(key, SentimentModel::loadLocation);
    }

    private static SentimentModel loadLocation(String location) {
        try {
            if (location.equals("default")) {
                return loadResource(DEFAULT_RESOURCE);
            }
            if (location.startsWith("classpath:")) {
                return loadResource(location.substring("classpath:".length()));
            }
            return load(Path.of(location));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load sentiment model from " + location, e);
        }
    }

    public static SentimentModel loadResource(String resource) throws IOException {
        try (InputStream in = SentimentModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no such resource: " + resource);
            }
            return read(in);
        }
    }

    public static SentimentModel load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        }
    }

    public static SentimentModel read(InputStream raw) throws IOException {
        DataInputStream head = new DataInputStream(new BufferedInputStream(raw, 1 << 16));
        if (head.readInt() != MAGIC) {
            throw new IOException("not a CX Pulse sentiment model (bad magic)");
        }
        int format = head.readInt();
        if (format != FORMAT) {
            throw new IOException("unsupported sentiment model format " + format + " (this build reads " + FORMAT
                    + "); retrain with this version's `cxpulse train sentiment`");
        }
        DataInputStream in = new DataInputStream(new BufferedInputStream(new InflaterInputStream(head), 1 << 16));
        String version = in.readUTF();
        String metadata = in.readUTF();
        int bits = in.readInt();
        if (bits < 10 || bits > 26) {
            throw new IOException("corrupt model: hash bits " + bits);
        }
        float band = in.readFloat();
        float bias = in.readFloat();
        int nd = in.readInt();
        if (nd != SentimentFeatures.N_DENSE) {
            throw new IOException("corrupt model: " + nd + " dense weights");
        }
        float[] dense = new float[nd];
        for (int i = 0; i < nd; i++) {
            dense[i] = in.readFloat();
        }
        float scale = in.readFloat();
        Lexicon lex = Lexicon.read(in);
        byte[] bytes = new byte[2 << bits];
        in.readFully(bytes);
        short[] w = new short[1 << bits];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(w);
        return new SentimentModel(version, metadata, bits, band, bias, dense, scale, w, lex);
    }

    /** Writes the model in the binary format (deterministic bytes). */
    public void write(OutputStream raw) throws IOException {
        DataOutputStream head = new DataOutputStream(raw);
        head.writeInt(MAGIC);
        head.writeInt(FORMAT);
        head.flush();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        DeflaterOutputStream z = new DeflaterOutputStream(raw, deflater, 1 << 16);
        DataOutputStream out = new DataOutputStream(z);
        out.writeUTF(version);
        out.writeUTF(metadata);
        out.writeInt(hashBits);
        out.writeFloat(neutralBand);
        out.writeFloat(bias);
        out.writeInt(denseWeights.length);
        for (float d : denseWeights) {
            out.writeFloat(d);
        }
        out.writeFloat(scale);
        lexicon.write(out);
        ByteBuffer bb = ByteBuffer.allocate(weights.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bb.asShortBuffer().put(weights);
        out.write(bb.array());
        out.flush();
        z.finish();
        deflater.end();
        raw.flush();
    }

    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            write(bos);
            return bos.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ scoring

    /**
     * Scores {@code text} into {@code out} (score, confidence, language, model version). Allocation-free; safe to
     * call concurrently from several threads as long as each uses its own {@code out}.
     */
    public void score(CharSequence text, SentimentResult out) {
        out.modelVersion = version;
        if (text == null) {
            out.score = 0f;
            out.confidence = 0f;
            out.languageCode = LanguageDetector.OTHER;
            return;
        }
        char[] buf = out.chars;
        int len = TextNormalizer.normalize(text, buf);
        out.languageCode = LanguageDetector.detectCode(buf, len);
        float z = margin(buf, len, out.features, out.dense, out.stats);
        int units = out.stats[0];
        if (units == 0) {
            out.score = 0f;
            out.confidence = 0f;
            return;
        }
        float s = (float) Math.tanh(z * 0.5);
        out.score = s;
        // evidence: saturates after ~6 words/characters; lexicon hits count double
        float evidence = (float) (1.0 - Math.exp(-(units + 2.0 * out.stats[1]) / 6.0));
        out.confidence = Math.abs(s) * evidence;
    }

    /** The raw logit for normalised text (used by the trainer for evaluation too). */
    public float margin(char[] buf, int len, int[] idx, float[] dense, int[] stats) {
        int n = SentimentFeatures.extract(buf, len, hashBits, lexicon, idx, dense, stats);
        return marginFromFeatures(idx, n, dense);
    }

    /** The logit for already-extracted features (hashed indices {@code idx[0, n)} and the dense features). */
    public float marginFromFeatures(int[] idx, int n, float[] dense) {
        long acc = 0;
        short[] w = weights;
        for (int i = 0; i < n; i++) {
            acc += w[idx[i]];
        }
        float z = bias;
        if (n > 0) {
            z += (float) (acc * scale / Math.sqrt(n));
        }
        for (int d = 0; d < dense.length; d++) {
            z += denseWeights[d] * dense[d];
        }
        return z;
    }

    /** Convenience: scores and returns an immutable record (allocates; uses a per-thread scratch buffer). */
    public Sentiment analyze(CharSequence text) {
        SentimentResult r = SCRATCH.get();
        score(text, r);
        return r.toSentiment();
    }

    /** {@code positive}, {@code negative} or {@code neutral} for a score, given this model's neutral band. */
    public String label(float score) {
        return label(score, neutralBand);
    }

    static String label(float score, float band) {
        return score >= band ? "positive" : score <= -band ? "negative" : "neutral";
    }

    public String version() {
        return version;
    }

    /** Training metadata (JSON) written by the trainer: corpora, sizes, seed, held-out accuracy. */
    public String metadata() {
        return metadata;
    }

    public int hashBits() {
        return hashBits;
    }

    /** |score| below this is labelled neutral. */
    public float neutralBand() {
        return neutralBand;
    }

    public Lexicon lexicon() {
        return lexicon;
    }

    /** Heap held by the weights and lexicon, in bytes (approximate). */
    public long memoryBytes() {
        return weights.length * 2L + lexicon.size() * 24L;
    }
}
