package io.cxpulse.simulator;

/**
 * One event of an episode, due a number of seconds (of event time) after the episode begins.
 *
 * @param withinSitting whether the step belongs to one sitting (the clicks of a session): such steps keep their
 *                      seconds when stories are stretched, since nobody spends a day between two clicks
 */
record Step(double delaySeconds, Draft draft, boolean withinSitting) {

    Step(double delaySeconds, Draft draft) {
        this(delaySeconds, draft, false);
    }

    static Step inSitting(double delaySeconds, Draft draft) {
        return new Step(delaySeconds, draft, true);
    }

    /** The delay in event time; sittings shrink with the stories but never stretch, so order is kept. */
    double scaledSeconds(double storyTimeScale) {
        return delaySeconds * (withinSitting ? Math.min(1, storyTimeScale) : storyTimeScale);
    }
}
