package io.cxpulse.simulator;

import java.util.SplittableRandom;

/** Fills the numeric placeholders of text templates, which multiplies the number of distinct texts. */
final class Fill {

    private Fill() {}

    static String placeholders(String template, SplittableRandom rng) {
        if (template.indexOf('{') < 0) {
            return template;
        }
        return template
                .replace("{order}", orderId(rng))
                .replace("{days}", Integer.toString(2 + rng.nextInt(13)))
                .replace("{minutes}", Integer.toString(15 + rng.nextInt(76)))
                .replace("{amount}", Integer.toString(49 + rng.nextInt(2950)))
                .replace("{times}", Integer.toString(2 + rng.nextInt(4)));
    }

    static String orderId(SplittableRandom rng) {
        return "SO" + (10_000_000 + rng.nextInt(90_000_000));
    }
}
