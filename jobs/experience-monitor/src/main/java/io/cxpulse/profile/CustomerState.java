package io.cxpulse.profile;

/**
 * Everything CX Pulse keeps about one customer, in one object so that each event reads and writes the state once.
 * Stored by {@link CustomerStateSerializer} (hand-written, versioned; checkpoints of the reflective POJO form are
 * migrated on restore).
 *
 * <p>Decayed quantities are all expressed as of {@link #decayedToMs}; {@link CustomerUpdates} keeps them current.
 * Times are event times (ms since the epoch); 0 means never.
 */
public class CustomerState {

    // the latest profile
    public boolean hasProfile;
    public long profileUpdatedMs;
    public String tier;
    public String region;
    public String accountManager;
    public String accountManagerEmail;
    public String name;

    // activity
    public long firstSeenMs;
    public long lastActivityMs;
    public long decayedToMs;

    // sentiment: confidence-weighted decayed means over a short and a long horizon
    public double sentimentShortSum;
    public double sentimentShortWeight;
    public double sentimentLongSum;
    public double sentimentLongWeight;

    // complaints open now (parallel arrays, small) and decayed counts
    public String[] openComplaintIds = new String[0];
    public long[] openComplaintSinceMs = new long[0];
    public double complaintsOpened;
    public double complaintsRecent;
    public double escalations;
    public double reopened;
    public double repeatContacts;
    public double quickResolutions;
    public long resolvedCount;
    public double resolutionHoursTotal;

    // the customer's time cost
    public double waitHours;
    public double missedContacts;
    public double slaBreaches;
    public double deliveryLate;

    // engagement against the customer's own baseline
    public double visitsShort;
    public double visitsLong;

    // intent to leave
    public double cancelIntent;
    public double downgrades;

    // surveys: decayed mean of scores normalised to [-1, 1]
    public double surveySum;
    public double surveyWeight;
    public double lastNps = -1;

    // social: reach-weighted sentiment ("customer energy"), and the widest-reaching recent negative post
    public double socialEnergy;
    public long negativeReachFollowers;
    public long negativeReachAtMs;

    // lifecycle
    public String status = CustomerStatus.ACTIVE;
    public long statusSinceMs;

    // what was last published, for the "changed materially" rule, and the one pending inactivity timer
    public long publishedScores;
    public double lastPublishedRisk = -1;
    public double lastPublishedSentiment;
    public long pendingTimerMs;

    public CustomerState() {}

    public int openComplaintCount() {
        return openComplaintIds.length;
    }
}
