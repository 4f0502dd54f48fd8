package io.cxpulse.simulator;

/**
 * What the simulation remembers about each customer as the stream unfolds: mood (which colours texts and scores),
 * whether they have left, and counters that keep session, complaint and case ids unique.
 */
final class CustomerStates {

    private final double[] mood;
    private final boolean[] gone;
    private final int[] sequence;

    CustomerStates(Population population) {
        int n = population.all().size();
        mood = new double[n];
        gone = new boolean[n];
        sequence = new int[n];
        for (Customer c : population.all()) {
            mood[c.index()] = c.personality().baseMood;
        }
    }

    double mood(Customer c) {
        return mood[c.index()];
    }

    /** Experiences move mood, which then drifts back towards the customer's disposition. */
    void experience(Customer c, double delta) {
        int i = c.index();
        double drifted = mood[i] + 0.2 * (c.personality().baseMood - mood[i]);
        mood[i] = Math.max(-1, Math.min(1, drifted + delta));
    }

    boolean isGone(Customer c) {
        return gone[c.index()];
    }

    void leave(Customer c) {
        gone[c.index()] = true;
    }

    /** A per-customer id for a session, complaint or case: unique, and readable in the demo. */
    String nextId(String prefix, Customer c) {
        return prefix + "-" + c.id().substring("cust-".length()) + "-" + (++sequence[c.index()]);
    }
}
