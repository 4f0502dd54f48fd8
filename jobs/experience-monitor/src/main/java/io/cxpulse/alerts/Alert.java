package io.cxpulse.alerts;

/**
 * One transition of an alert's life: it opens, may escalate (a customer who got materially worse), and resolves when
 * the situation clears. Every transition of one alert carries the same {@code alertId}; {@code revision} orders them
 * (1 = opened), so the {@code alerts} table keeps the latest and {@code cx.alerts} carries each.
 *
 * @param alertId          deterministic: the same situation after a replay gets the same id ({@link AlertIds})
 * @param kind             {@link AlertKind} wire name
 * @param severity         {@code info | warning | high | critical}
 * @param status           {@code open | escalated | resolved}
 * @param revision         1 when opened, +1 per later transition
 * @param scopeType        {@code customer}, or the ops scope: {@code category | category_region | channel | region |
 *                         channel_region | department | mention}
 * @param scope            the customer id, or the scope's value(s), e.g. {@code billing} or {@code billing|north}
 * @param customerId       the customer for customer alerts (and a viral mention's author when known), else ""
 * @param category         the complaint category the alert is about, else ""
 * @param channel          the channel the alert is about, else ""
 * @param region           the region (the customer's, or the scope's), else ""
 * @param routeTeam        the team it goes to: {@code account-management}, a department, {@code ops}, {@code social}…
 * @param accountManager   customer alerts: the account manager from the profile ("" when the profile has none)
 * @param accountManagerEmail customer alerts: the manager's address (personal data)
 * @param reasonEn         the reasons in plain English, one line
 * @param reasonZh         the reasons in plain Chinese, one line
 * @param evidenceEventIds the events behind it (the triggering one first; bounded)
 * @param figureNames      the figures behind it (e.g. {@code risk}, {@code observed}, {@code baseline}), parallel to…
 * @param figureValues     … their values
 * @param openedAtMs       event time at which the alert opened
 * @param eventTimeMs      event time of this transition (of the triggering event, or the timer, or the minute)
 * @param processedAtMs    processing time at which the job decided this transition
 */
public record Alert(
        String alertId,
        String kind,
        String severity,
        String status,
        int revision,
        String scopeType,
        String scope,
        String customerId,
        String category,
        String channel,
        String region,
        String routeTeam,
        String accountManager,
        String accountManagerEmail,
        String reasonEn,
        String reasonZh,
        String[] evidenceEventIds,
        String[] figureNames,
        double[] figureValues,
        long openedAtMs,
        long eventTimeMs,
        long processedAtMs) {

    public static final String OPEN = "open";
    public static final String ESCALATED = "escalated";
    public static final String RESOLVED = "resolved";

    public boolean isOpening() {
        return revision == 1;
    }

    /** The figure named {@code name}, or NaN. */
    public double figure(String name) {
        for (int i = 0; i < figureNames.length; i++) {
            if (figureNames[i].equals(name)) {
                return figureValues[i];
            }
        }
        return Double.NaN;
    }
}
