package io.cxpulse.enrich.text;

/**
 * The sentiment of one text.
 *
 * @param score        in [-1, 1]: below 0 negative, above 0 positive
 * @param confidence   in [0, 1]
 * @param language     "zh", "en" or "other"
 * @param modelVersion the model that scored it, e.g. "sentiment-v1"
 */
public record Sentiment(float score, float confidence, String language, String modelVersion) {

    /** {@code positive}, {@code negative} or {@code neutral} given the model's neutral band. */
    public String label(float neutralBand) {
        return SentimentModel.label(score, neutralBand);
    }
}
