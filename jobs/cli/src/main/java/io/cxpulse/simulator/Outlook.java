package io.cxpulse.simulator;

/**
 * How a customer feels about us at one moment, beyond their disposition; it tilts which episodes happen and how
 * they go.
 *
 * @param discontent     0..1: more complaints, worse handling and waits, harsher texts and scores
 * @param disengagement  0..1: fewer browsing sessions and more absences
 * @param absence        chance that the customer does nothing when their turn comes (1 on a quiet day)
 * @param leaning        0..1: how much they look at the help and cancellation pages
 */
record Outlook(double discontent, double disengagement, double absence, double leaning) {

    static final Outlook CALM = new Outlook(0, 0, 0, 0);

    /** The mood that shows in texts and scores: the customer's own, pulled down by discontent. */
    double feltMood(double mood) {
        return mood * (1 - discontent) - discontent;
    }
}
