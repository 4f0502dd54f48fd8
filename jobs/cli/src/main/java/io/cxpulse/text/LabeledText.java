package io.cxpulse.text;

/**
 * One labeled text of a training corpus.
 *
 * @param text     the raw text
 * @param label    +1 positive, -1 negative, 0 neutral (excluded from binary training and evaluation)
 * @param corpus   the corpus it came from (file name without extension, or "lexicon:*" for prior pseudo-documents)
 * @param language "zh", "en" or "other"
 */
public record LabeledText(String text, int label, String corpus, String language) {
}
