package io.cxpulse.simulator;

import java.util.SplittableRandom;

/** Interchangeable fragments of text in each language; texts are composed from several of these. */
record Phrases(String[] en, String[] hans, String[] hant) {

    static Phrases of(String[] en, String[] hans, String[] hant) {
        return new Phrases(en, hans, hant);
    }

    String pick(Language language, SplittableRandom rng) {
        String[] options = switch (language) {
            case EN -> en;
            case ZH_HANS -> hans;
            case ZH_HANT -> hant;
        };
        return options[rng.nextInt(options.length)];
    }
}
