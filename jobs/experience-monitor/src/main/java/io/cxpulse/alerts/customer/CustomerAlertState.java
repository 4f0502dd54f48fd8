package io.cxpulse.alerts.customer;

/**
 * Everything the customer alert rules keep about one customer, in one object so each update reads and writes the
 * state once. Stored by {@link CustomerAlertStateSerializer} (hand-written, versioned); it stays a Flink POJO (public
 * fields, no-arg constructors, arrays instead of collections) because checkpoints of earlier versions hold it in that
 * form and are migrated on restore. Times are event times (ms since the epoch); 0 means never.
 */
public class CustomerAlertState {

    /** One alert's life: enough to write its next transition with the same id. */
    public static class Episode {
        public String alertId;
        public String kind;
        public String severity;
        public int revision;
        public long openedAtMs;
        public String category = "";
        public String channel = "";
        /** Why it opened: a resolution keeps it, so the alerts row still says what the situation was. */
        public String openedReasonEn = "";
        public String openedReasonZh = "";
    }

    /** A complaint open now, opened (or reopened) at {@link #openedAtMs} and overdue at {@link #dueAtMs}. */
    public static class OpenComplaint {
        public String caseId;
        /** what its {@code complaint_unresolved} alert id is made of */
        public String episode;
        public long openedAtMs;
        public long dueAtMs;
        public String category = "";
        public String channel = "";
        public String openedEventId;
        /** the customer's lowest sentiment while the complaint was open, for {@code recovery} */
        public float lowestSentiment;
        /** its {@code complaint_unresolved} alert, null while not overdue */
        public Episode overdue;
    }

    /** A complaint resolved or closed lately: watched for a rebound, and remembered so a late opening is ignored. */
    public static class ClosedComplaint {
        public String caseId;
        public long closedAtMs;
        public String closedEventId;
        public float lowestSentiment;
        /** a recovery alert was raised for it (once per complaint) */
        public boolean recovered;
        /** its open {@code recovery} alert, null when none is open */
        public Episode recovery;
    }

    // the customer as the latest score had her: routing for alerts raised by timers, and her standing
    public String customerId = "";
    public String tier = "";
    public String region = "";
    public String accountManager = "";
    public String accountManagerEmail = "";
    public String status = "";
    public float risk;
    public int openComplaints;
    public long latestMs;
    /** the newest event ids, newest last (bounded): evidence, and how a duplicate update is recognised */
    public String[] recentEventIds = new String[0];

    // churn_risk
    public boolean churnArmed = true;
    /** how many churn alerts the customer has had: the next one is episode {@code churnAlerts + 1} */
    public int churnAlerts;
    public long churnLastOpenedMs;
    public float churnOpenedRisk;
    public Episode churn;

    // vip_negative_experience
    public int vipAlerts;
    public long vipLastOpenedMs;
    public Episode vip;

    // complaint_unresolved and recovery
    public OpenComplaint[] complaints = new OpenComplaint[0];
    public ClosedComplaint[] closed = new ClosedComplaint[0];

    // contact suppression
    /** the newest contacts' times, oldest first (bounded by the rule's max_contacts) */
    public long[] contactTimesMs = new long[0];
    public boolean suppressed;
    public String[] suppressionReasons = new String[0];
}
