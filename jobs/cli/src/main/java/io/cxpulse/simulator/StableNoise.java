package io.cxpulse.simulator;

import java.util.SplittableRandom;

/**
 * Random numbers that depend only on their coordinates (seed, customer, time slot), not on how far the stream
 * has got: a customer's quiet days and bad spells are then the same whatever the event rate.
 */
final class StableNoise {

    private StableNoise() {}

    /** A uniform number in [0, 1) for these coordinates; {@code draw} picks independent numbers at one point. */
    static double unit(long seed, long a, long b, int draw) {
        long mixed = seed * 0x9E3779B97F4A7C15L ^ a * 0xBF58476D1CE4E5B9L ^ b * 0x94D049BB133111EBL ^ draw * 0x2545F4914F6CDD1DL;
        return new SplittableRandom(mixed).nextDouble();
    }
}
