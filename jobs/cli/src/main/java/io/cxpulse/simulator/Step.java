package io.cxpulse.simulator;

/** One event of an episode, due a number of seconds (of event time) after the episode begins. */
record Step(double delaySeconds, Draft draft) {}
