package io.cxpulse.simulator;

/**
 * Works out each customer's {@link Outlook} from event time alone, so the drift before a churn looks the same at
 * any event rate: a churner worsens progressively towards the planned churn, a retained one recovers, fragile
 * customers and detractors have bad spells, everyone else is calm.
 */
final class Outlooks {

    /** Churners look at the cancellation pages only in this last part of their drift. */
    static final double LEAVING_PHASE = 0.15;
    /** A quiet day: the churn horizon cut into this many slots (a day each for a 40-day horizon). */
    static final int SLOTS_PER_HORIZON = 40;

    private final ChurnPlans plans;
    private final BadSpells spells;
    private final long seed;
    private final long startTimeMs;
    private final long slotMs;
    private final long recoveryMs;

    Outlooks(ChurnPlans plans, SimulatorSettings settings) {
        this.plans = plans;
        this.spells = new BadSpells(settings);
        this.seed = settings.seed();
        this.startTimeMs = settings.startTimeMs();
        this.slotMs = Math.max(1, settings.churnHorizonMs() / SLOTS_PER_HORIZON);
        this.recoveryMs = Math.max(1, settings.churnHorizonMs() / 10);
    }

    Outlook at(Customer c, long timeMs) {
        ChurnPlan plan = plans.of(c);
        if (plan != null && plan.style() != ChurnStyle.UNANNOUNCED) {
            return timeMs < plan.plannedAtMs() ? drifting(c, plan, timeMs) : recovering(plan, timeMs);
        }
        double spell = spells.intensity(c, timeMs);
        if (spell == 0) {
            return Outlook.CALM;
        }
        // at the worst of a spell a few stayers look at the cancellation page too, and stay
        double disengagement = 0.3 * spell;
        return new Outlook(spell, disengagement, absence(c, timeMs, 0.3 * spell, 0.2 * spell), spell > 0.6 ? 0.08 : 0);
    }

    private Outlook drifting(Customer c, ChurnPlan plan, long timeMs) {
        double r = plan.progress(timeMs);
        if (r == 0) {
            return Outlook.CALM;
        }
        boolean quiet = plan.style() == ChurnStyle.QUIET;
        double discontent = quiet ? 0.1 * r : r;
        double leaning = r >= 1 - LEAVING_PHASE ? 1 : 0;
        // quiet leavers fade away; loud ones still turn up, mostly to complain
        double absence = quiet ? absence(c, timeMs, 0.5 * r, 0.45 * r) : absence(c, timeMs, 0.25 * r, 0.15 * r);
        return new Outlook(discontent, r, absence, leaning);
    }

    /** After a retention offer worked: no grudge left, and engagement comes back over a tenth of the horizon. */
    private Outlook recovering(ChurnPlan plan, long timeMs) {
        double left = 1 - (timeMs - plan.plannedAtMs()) / (double) recoveryMs;
        return left <= 0 ? Outlook.CALM : new Outlook(0, 0.5 * left, 0.2 * left, 0);
    }

    /** Disengaged customers skip some turns and have whole quiet days, the same at any event rate. */
    private double absence(Customer c, long timeMs, double quietDayChance, double skipChance) {
        long slot = (timeMs - startTimeMs) / slotMs;
        return StableNoise.unit(seed, c.index(), slot, 7) < quietDayChance ? 1 : skipChance;
    }
}
