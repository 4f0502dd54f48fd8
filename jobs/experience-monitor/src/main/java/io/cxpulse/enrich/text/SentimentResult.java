package io.cxpulse.enrich.text;

/**
 * Mutable, reusable result of {@link SentimentModel#score(CharSequence, SentimentResult)}, plus the scratch buffers
 * that scoring needs, so that the hot path allocates nothing.
 *
 * <p>Contract: one instance per thread (e.g. one per Flink operator instance, created in {@code open()}); each call
 * to {@code score} overwrites every field. Not thread-safe. Texts longer than {@link #maxChars()} are scored on their
 * first {@code maxChars} characters (after normalisation).
 */
public final class SentimentResult {

    /** Default cap on the characters scored per text. */
    public static final int DEFAULT_MAX_CHARS = 4096;

    final char[] chars;
    final int[] features;
    final float[] dense = new float[SentimentFeatures.N_DENSE];
    final int[] stats = new int[2];

    float score;
    float confidence;
    int languageCode = LanguageDetector.OTHER;
    String modelVersion = "";

    public SentimentResult() {
        this(DEFAULT_MAX_CHARS);
    }

    public SentimentResult(int maxChars) {
        this.chars = new char[maxChars];
        this.features = new int[SentimentFeatures.maxFeatures(maxChars)];
    }

    /** Sentiment in [-1, 1]: negative below 0, positive above (2·P(positive) − 1). */
    public float score() {
        return score;
    }

    /** Confidence in [0, 1]: |score| damped for texts with little evidence (very short, no known words). */
    public float confidence() {
        return confidence;
    }

    /** {@link LanguageDetector#ZH}, {@link LanguageDetector#EN} or {@link LanguageDetector#OTHER}. */
    public int languageCode() {
        return languageCode;
    }

    /** "zh", "en" or "other" (constants: no allocation). */
    public String language() {
        return LanguageDetector.code(languageCode);
    }

    public String modelVersion() {
        return modelVersion;
    }

    public int maxChars() {
        return chars.length;
    }

    /** The immutable form. Allocates. */
    public Sentiment toSentiment() {
        return new Sentiment(score, confidence, language(), modelVersion);
    }

    @Override
    public String toString() {
        return "SentimentResult[score=" + score + ", confidence=" + confidence + ", language=" + language() + "]";
    }
}
