package io.cxpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.enrich.text.ComplaintClassifier;
import io.cxpulse.enrich.text.SentimentModel;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The text model and the taxonomy on a labeled sample made from the simulator's own complaint texts: every category
 * in every language, the label being the category the simulator wrote the text for. Prints the figures it asserts.
 */
class SimulatedTextsAccuracyTest {

    private static final int PER_CELL = 60;

    @Test
    void complaintsAreClassifiedAndScoredNegativeResolutionsPositive() {
        ComplaintClassifier classifier = ComplaintClassifier.withDefaults();
        SentimentModel model = SentimentModel.shipped();
        SplittableRandom rng = new SplittableRandom(2026);
        Map<Language, int[]> categoryHits = new EnumMap<>(Language.class);
        Map<Language, int[]> negativeHits = new EnumMap<>(Language.class);
        Map<Language, int[]> positiveHits = new EnumMap<>(Language.class);
        int total = 0;
        for (Language language : Language.values()) {
            int[] cat = new int[1];
            int[] neg = new int[1];
            int[] pos = new int[1];
            for (ComplaintCategory category : ComplaintCategory.values()) {
                for (int i = 0; i < PER_CELL; i++) {
                    String text = ComplaintTexts.opening(category, language, rng);
                    if (classifier.classify(text).category().equals(category.wireName())) {
                        cat[0]++;
                    }
                    if (model.analyze(text).score() < 0) {
                        neg[0]++;
                    }
                    if (model.analyze(ComplaintTexts.resolved(language, rng)).score() > 0) {
                        pos[0]++;
                    }
                }
            }
            categoryHits.put(language, cat);
            negativeHits.put(language, neg);
            positiveHits.put(language, pos);
            total = ComplaintCategory.values().length * PER_CELL;
        }
        for (Language language : Language.values()) {
            double category = categoryHits.get(language)[0] / (double) total;
            double negative = negativeHits.get(language)[0] / (double) total;
            double positive = positiveHits.get(language)[0] / (double) total;
            System.out.printf("simulated complaints %-7s n=%d: category accuracy %.3f, opening texts negative %.3f, "
                    + "resolution texts positive %.3f%n", language, total, category, negative, positive);
            assertThat(category).as("category accuracy, %s", language).isGreaterThanOrEqualTo(0.90);
            assertThat(negative).as("complaints scored negative, %s", language).isGreaterThanOrEqualTo(0.90);
            assertThat(positive).as("resolutions scored positive, %s", language).isGreaterThanOrEqualTo(0.75);
        }
    }
}
