package io.cxpulse.churn;

/**
 * The churn model's inputs, each a plain number a person can read (counts, weeks, shares), capped so that one
 * extreme value cannot dominate. The code is what reason codes, model files and ClickHouse columns call it.
 */
public enum Feature {
    NEGATIVE_SENTIMENT("negative_sentiment", "how negative the customer's recent texts are, 0..1"),
    SENTIMENT_DROP("sentiment_drop", "recent sentiment below the customer's usual, 0..2"),
    SUSTAINED_NEGATIVITY("sustained_negativity", "how negative the customer's usual (30-day) sentiment is, 0..1"),
    OPEN_COMPLAINTS("open_complaints", "complaints open now, up to 5"),
    RECENT_COMPLAINTS("recent_complaints", "complaints opened lately, decayed (7-day half-life), up to 5"),
    MONTHLY_COMPLAINTS("monthly_complaints", "complaints opened over about a month, decayed (30-day half-life), up to 10"),
    COMPLAINT_RISE("complaint_rise", "recent complaint rate above the customer's own baseline, as a multiple, up to 3"),
    OLDEST_OPEN_WEEKS("oldest_open_weeks", "age of the oldest open complaint in weeks, up to 30 days"),
    ESCALATIONS("escalations", "complaint escalations and reopenings, decayed, up to 5"),
    REPEAT_CONTACTS("repeat_contacts", "contacts chasing the same case, decayed, up to 5"),
    WAIT_HOURS("wait_hours", "hours spent waiting on calls, decayed, up to 10"),
    MISSED_CONTACTS("missed_contacts", "abandoned calls and missed callbacks, decayed, up to 10"),
    SERVICE_FAILURES("service_failures", "SLA breaches and late deliveries, decayed, up to 5"),
    ENGAGEMENT_DROP("engagement_drop", "visits below the customer's own baseline, 0..1"),
    WEEKS_INACTIVE("weeks_inactive", "weeks since the customer's last own activity, up to 60 days"),
    CANCEL_INTENT("cancel_intent", "visits to cancellation or unsubscribe pages, decayed, up to 5"),
    DOWNGRADES("downgrades", "plan downgrades, decayed, up to 3"),
    POOR_SURVEYS("poor_surveys", "how poor recent NPS/CSAT answers are, 0..1"),
    NEGATIVE_SOCIAL("negative_social", "reach-weighted negative posts (customer energy), decayed, up to 3"),
    QUICK_RESOLUTIONS("quick_resolutions", "complaints resolved within a day, decayed, up to 5 (protective)"),
    POSITIVE_SENTIMENT("positive_sentiment", "how positive the customer's recent texts are, 0..1 (protective)");

    private final String code;
    private final String meaning;

    Feature(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    public static Feature ofCode(String code) {
        for (Feature f : values()) {
            if (f.code.equals(code)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown churn feature '" + code + "'");
    }
}
