package io.cxpulse.churn;

import io.cxpulse.profile.CustomerState;
import io.cxpulse.profile.CustomerUpdates;
import io.cxpulse.profile.Decay;
import io.cxpulse.profile.HalfLives;

/**
 * A customer's features at one moment, and the plain figures behind them that the explanations quote.
 *
 * @param values        model inputs, indexed by {@link Feature#ordinal()}
 * @param sentimentNow  recent (3-day) sentiment, 0 without texts
 * @param sentimentUsual usual (30-day) sentiment, 0 without texts
 */
public record ChurnFeatures(
        double[] values,
        double sentimentNow,
        double sentimentUsual,
        int openComplaints,
        double oldestOpenDays,
        double daysInactive,
        double waitHours,
        double missedContacts,
        double negativeReach,
        double lastNps,
        double engagementShare) {

    private static final double LN2 = Math.log(2);
    private static final long MIN_HISTORY_FOR_ENGAGEMENT_MS = 7 * Decay.DAY_MS;

    public double get(Feature f) {
        return values[f.ordinal()];
    }

    /** The features of {@code s} as of event time {@code now} (decayed forward without changing the state). */
    public static ChurnFeatures of(CustomerState s, long now) {
        long dt = Math.max(0, now - s.decayedToMs);
        double sentShort = mean(s.sentimentShortSum, s.sentimentShortWeight);
        double sentLong = mean(s.sentimentLongSum, s.sentimentLongWeight);
        boolean hasUsual = s.sentimentLongWeight * Decay.factor(dt, HalfLives.SENTIMENT_LONG) >= 1.0;

        int open = s.openComplaintCount();
        long oldestSince = Long.MAX_VALUE;
        for (long since : s.openComplaintSinceMs) {
            oldestSince = Math.min(oldestSince, since);
        }
        double oldestDays = open == 0 ? 0 : Math.max(0, now - oldestSince) / (double) Decay.DAY_MS;
        double daysInactive = s.lastActivityMs == 0 ? 0 : Math.max(0, now - s.lastActivityMs) / (double) Decay.DAY_MS;
        double waitHours = s.waitHours * Decay.factor(dt, HalfLives.TIME_COST);
        double missed = s.missedContacts * Decay.factor(dt, HalfLives.TIME_COST);
        double surveys = s.surveyWeight * Decay.factor(dt, HalfLives.SURVEYS) >= 0.05 ? s.surveySum / s.surveyWeight : 0;
        double engagementShare = engagementShare(s, now, dt);
        double recentComplaints = s.complaintsRecent * Decay.factor(dt, HalfLives.COMPLAINTS_RECENT);

        double[] x = new double[Feature.values().length];
        x[Feature.NEGATIVE_SENTIMENT.ordinal()] = Math.max(0, -sentShort);
        x[Feature.SENTIMENT_DROP.ordinal()] = hasUsual ? Math.max(0, sentLong - sentShort) : 0;
        x[Feature.SUSTAINED_NEGATIVITY.ordinal()] = Math.max(0, -sentLong);
        x[Feature.OPEN_COMPLAINTS.ordinal()] = Math.min(5, open);
        x[Feature.RECENT_COMPLAINTS.ordinal()] = Math.min(5, recentComplaints);
        x[Feature.MONTHLY_COMPLAINTS.ordinal()] = Math.min(10, s.complaintsOpened * Decay.factor(dt, HalfLives.COMPLAINTS));
        x[Feature.COMPLAINT_RISE.ordinal()] = Math.min(3, complaintRise(s, now, dt, recentComplaints));
        x[Feature.OLDEST_OPEN_WEEKS.ordinal()] = Math.min(30, oldestDays) / 7.0;
        x[Feature.ESCALATIONS.ordinal()] = Math.min(5, (s.escalations + s.reopened) * Decay.factor(dt, HalfLives.COMPLAINTS));
        x[Feature.REPEAT_CONTACTS.ordinal()] = Math.min(5, s.repeatContacts * Decay.factor(dt, HalfLives.REPEAT_CONTACTS));
        x[Feature.WAIT_HOURS.ordinal()] = Math.min(10, waitHours);
        x[Feature.MISSED_CONTACTS.ordinal()] = Math.min(10, missed);
        x[Feature.SERVICE_FAILURES.ordinal()] =
                Math.min(5, (s.slaBreaches + s.deliveryLate) * Decay.factor(dt, HalfLives.SLA_BREACHES));
        x[Feature.ENGAGEMENT_DROP.ordinal()] = engagementShare < 0 ? 0 : Math.max(0, 1 - engagementShare);
        x[Feature.WEEKS_INACTIVE.ordinal()] = Math.min(60, daysInactive) / 7.0;
        x[Feature.CANCEL_INTENT.ordinal()] = Math.min(5, s.cancelIntent * Decay.factor(dt, HalfLives.CANCEL_INTENT));
        x[Feature.DOWNGRADES.ordinal()] = Math.min(3, s.downgrades * Decay.factor(dt, HalfLives.DOWNGRADES));
        x[Feature.POOR_SURVEYS.ordinal()] = Math.max(0, -surveys);
        x[Feature.NEGATIVE_SOCIAL.ordinal()] = Math.min(3, Math.max(0, -s.socialEnergy * Decay.factor(dt, HalfLives.SOCIAL)));
        x[Feature.QUICK_RESOLUTIONS.ordinal()] = Math.min(5, s.quickResolutions * Decay.factor(dt, HalfLives.COMPLAINTS));
        x[Feature.POSITIVE_SENTIMENT.ordinal()] = Math.max(0, sentShort);
        return new ChurnFeatures(x, sentShort, sentLong, open, oldestDays, daysInactive, waitHours, missed,
                now - s.negativeReachAtMs <= CustomerUpdates.RECENT_POST_MS ? s.negativeReachFollowers : 0, s.lastNps,
                engagementShare);
    }

    /**
     * Recent visit rate as a share of the customer's own baseline rate, or -1 while the history is too short to
     * have a baseline. Each decayed count is turned back into a rate by the mass its window has had time to gather,
     * so a customer seen for three weeks is compared fairly with one seen for a year.
     */
    private static double engagementShare(CustomerState s, long now, long dt) {
        long history = now - s.firstSeenMs;
        if (s.firstSeenMs == 0 || history < MIN_HISTORY_FOR_ENGAGEMENT_MS) {
            return -1;
        }
        double longCount = s.visitsLong * Decay.factor(dt, HalfLives.VISITS_LONG);
        double shortCount = s.visitsShort * Decay.factor(dt, HalfLives.VISITS_SHORT);
        double longMass = HalfLives.VISITS_LONG / LN2 * (1 - Decay.factor(history, HalfLives.VISITS_LONG));
        double shortMass = HalfLives.VISITS_SHORT / LN2 * (1 - Decay.factor(history, HalfLives.VISITS_SHORT));
        if (longCount < 3) {
            return -1;
        }
        return (shortCount / shortMass) / (longCount / longMass);
    }

    /**
     * How many times the customer's usual complaint rate the recent one is, minus one (0 when not above usual).
     * Rates come from decayed counts as in {@link #engagementShare}; a customer without a baseline yet gets 0.
     */
    private static double complaintRise(CustomerState s, long now, long dt, double recent) {
        long history = now - s.firstSeenMs;
        if (s.firstSeenMs == 0 || history < MIN_HISTORY_FOR_ENGAGEMENT_MS) {
            return 0;
        }
        double usual = s.complaintsOpened * Decay.factor(dt, HalfLives.COMPLAINTS);
        double usualMass = HalfLives.COMPLAINTS / LN2 * (1 - Decay.factor(history, HalfLives.COMPLAINTS));
        double recentMass = HalfLives.COMPLAINTS_RECENT / LN2 * (1 - Decay.factor(history, HalfLives.COMPLAINTS_RECENT));
        // one complaint of prior as the baseline: a customer who never complained and now does is a rise, not infinity
        double usualRate = (usual + 1) / (usualMass + HalfLives.COMPLAINTS / LN2);
        return Math.max(0, (recent / recentMass) / usualRate - 1);
    }

    private static double mean(double sum, double weight) {
        return weight < 1e-3 ? 0 : sum / weight;
    }
}
