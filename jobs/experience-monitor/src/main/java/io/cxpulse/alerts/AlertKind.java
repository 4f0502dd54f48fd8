package io.cxpulse.alerts;

/** The kinds of alert; {@link #wireName()} is the {@code kind} in {@code cx.alerts} and ClickHouse {@code alerts}. */
public enum AlertKind {
    CHURN_RISK("churn_risk", true),
    VIP_NEGATIVE_EXPERIENCE("vip_negative_experience", true),
    COMPLAINT_UNRESOLVED("complaint_unresolved", true),
    RECOVERY("recovery", true),
    COMPLAINT_SPIKE("complaint_spike", false),
    SENTIMENT_DROP("sentiment_drop", false),
    VIRAL_NEGATIVE_MENTION("viral_negative_mention", false),
    SLA_BREACH_SURGE("sla_breach_surge", false);

    private final String wireName;
    private final boolean customer;

    AlertKind(String wireName, boolean customer) {
        this.wireName = wireName;
        this.customer = customer;
    }

    public String wireName() {
        return wireName;
    }

    /** Customer alerts go to the account manager; the others are ops alerts about a scope. */
    public boolean isCustomerAlert() {
        return customer;
    }
}
