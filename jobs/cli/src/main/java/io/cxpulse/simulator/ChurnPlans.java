package io.cxpulse.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Who churns when, decided once from the seed: every CHURNER at a planned time within the churn horizon, after a
 * drift phase, and a few other customers without warning. Hands out each departure when its time comes.
 */
final class ChurnPlans {

    static final double QUIET_SHARE = 0.25;
    static final double RETAINED_SHARE = 0.15;
    /** Share of customers without a churner disposition who cancel anyway, unannounced. */
    static final double UNANNOUNCED_SHARE = 0.01;
    /** The farewell episode starts this long (in story seconds) before the planned time, so its end lands on it. */
    static final double FAREWELL_LEAD_SECONDS = 60;

    /** A plan with the customer it belongs to and the event time at which its farewell episode starts. */
    record Departure(Customer customer, ChurnPlan plan, long startsAtMs) {}

    private final ChurnPlan[] byIndex;
    private final List<ChurnPlan> all;
    private final List<Departure> inStartOrder;
    private int nextDeparture;

    ChurnPlans(Population population, SimulatorSettings settings, SplittableRandom rng) {
        List<Customer> customers = population.all();
        byIndex = new ChurnPlan[customers.size()];
        List<Customer> others = new ArrayList<>();
        long start = settings.startTimeMs();
        long horizon = settings.churnHorizonMs();
        for (Customer c : customers) {
            if (c.personality() != Personality.CHURNER) {
                others.add(c);
                continue;
            }
            long span = (long) ((0.25 + 0.75 * rng.nextDouble()) * horizon);
            // the drift covers at least the last 40% of the customer's time before leaving
            long drift = (long) (span * (0.4 + 0.2 * rng.nextDouble()));
            ChurnStyle style = rng.nextDouble() < QUIET_SHARE ? ChurnStyle.QUIET : ChurnStyle.DRIFTING;
            boolean retained = rng.nextDouble() < RETAINED_SHARE;
            byIndex[c.index()] = new ChurnPlan(c.id(), start + span, start + span - drift, style, retained);
        }
        // a fixed count rather than a coin per customer, so that even a small population shows the noise
        int unannounced = (int) Math.round(others.size() * UNANNOUNCED_SHARE);
        for (int k = 0; k < unannounced; k++) {
            Customer c = others.remove(rng.nextInt(others.size()));
            long at = start + (long) ((0.05 + 0.95 * rng.nextDouble()) * horizon);
            byIndex[c.index()] = new ChurnPlan(c.id(), at, at, ChurnStyle.UNANNOUNCED, false);
        }
        long leadMs = (long) (FAREWELL_LEAD_SECONDS * settings.storyTimeScale() * 1000);
        List<ChurnPlan> plans = new ArrayList<>();
        List<Departure> departures = new ArrayList<>();
        for (Customer c : customers) {
            ChurnPlan p = byIndex[c.index()];
            if (p != null) {
                plans.add(p);
                long lead = p.style() == ChurnStyle.UNANNOUNCED ? 0 : leadMs;
                departures.add(new Departure(c, p, Math.max(start, p.plannedAtMs() - lead)));
            }
        }
        departures.sort(Comparator.comparingLong(Departure::startsAtMs).thenComparingInt(d -> d.customer().index()));
        this.all = Collections.unmodifiableList(plans);
        this.inStartOrder = departures;
    }

    /** The customer's plan, or null if they are not planned to churn. */
    ChurnPlan of(Customer c) {
        return byIndex[c.index()];
    }

    List<ChurnPlan> all() {
        return all;
    }

    /** The next departure whose farewell should have started by this time, once; null if none is due. */
    Departure pollDue(long timeMs) {
        if (nextDeparture < inStartOrder.size() && inStartOrder.get(nextDeparture).startsAtMs() <= timeMs) {
            return inStartOrder.get(nextDeparture++);
        }
        return null;
    }
}
