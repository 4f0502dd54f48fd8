package io.cxpulse.simulator;

/**
 * Fragile customers and detractors who stay still go through bad patches (a faulty device, a botched delivery)
 * with complaints and angry posts that blow over: without them, a churn score could just flag anyone who
 * complains. Spells are laid out per customer in cycles of half the churn horizon, from stable noise.
 */
final class BadSpells {

    private final long seed;
    private final long startTimeMs;
    private final long cycleMs;
    private final long horizonMs;

    BadSpells(SimulatorSettings settings) {
        this.seed = settings.seed();
        this.startTimeMs = settings.startTimeMs();
        this.horizonMs = settings.churnHorizonMs();
        this.cycleMs = Math.max(1, horizonMs / 2);
    }

    /** How bad the customer's spell is at this time: 0 outside a spell, rising to a peak and falling back. */
    double intensity(Customer c, long timeMs) {
        double chance = switch (c.personality()) {
            case DETRACTOR -> 0.8;
            case FRAGILE -> 0.6;
            default -> 0;
        };
        if (chance == 0 || timeMs < startTimeMs) {
            return 0;
        }
        long cycle = (timeMs - startTimeMs) / cycleMs;
        if (StableNoise.unit(seed, c.index(), cycle, 0) >= chance) {
            return 0;
        }
        long length = (long) (horizonMs * (0.05 + 0.07 * StableNoise.unit(seed, c.index(), cycle, 1)));
        long begin = startTimeMs + cycle * cycleMs
                + (long) ((cycleMs - length) * StableNoise.unit(seed, c.index(), cycle, 2));
        if (timeMs < begin || timeMs >= begin + length) {
            return 0;
        }
        double peak = 0.4 + 0.4 * StableNoise.unit(seed, c.index(), cycle, 3);
        return peak * Math.sin(Math.PI * (timeMs - begin) / length);
    }
}
