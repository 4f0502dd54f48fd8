package io.cxpulse.profile;

import static io.cxpulse.profile.Decay.DAY_MS;

/** How fast each kind of experience fades from a customer's state (event time). Documented in the README. */
public final class HalfLives {
    /** Recent mood: the last few days. */
    public static final long SENTIMENT_SHORT = 3 * DAY_MS;
    /** The customer's usual mood: the last couple of months. */
    public static final long SENTIMENT_LONG = 30 * DAY_MS;
    public static final long COMPLAINTS = 30 * DAY_MS;
    /** Complaints of the last week, against the 30-day baseline above. */
    public static final long COMPLAINTS_RECENT = 7 * DAY_MS;
    public static final long REPEAT_CONTACTS = 14 * DAY_MS;
    /** Waits, abandoned calls, missed callbacks: time the customer lost. */
    public static final long TIME_COST = 14 * DAY_MS;
    public static final long SLA_BREACHES = 30 * DAY_MS;
    /** Engagement now (a week) against the customer's own baseline (two months). */
    public static final long VISITS_SHORT = 7 * DAY_MS;
    public static final long VISITS_LONG = 60 * DAY_MS;
    public static final long CANCEL_INTENT = 14 * DAY_MS;
    public static final long DOWNGRADES = 60 * DAY_MS;
    public static final long SURVEYS = 60 * DAY_MS;
    public static final long SOCIAL = 7 * DAY_MS;

    private HalfLives() {}
}
