package io.cxpulse.alerts.ops;

/**
 * One metric row's share of one ops scope in one minute; several rows (dimensions) of a minute add up to a scope's
 * figures. Keyed by {@link #key()}.
 *
 * @param kind          the {@link io.cxpulse.alerts.AlertKind} wire name the scope is watched for
 * @param scopeType     {@code category | channel | region} (a category's complaints are one key: its regions are
 *                      judged inside it, and {@code category_region} appears only as an alert's scope type)
 * @param scope         the scope's value, e.g. {@code billing} or {@code north}
 * @param category      the scope's category, else ""
 * @param channel       the scope's channel, else ""
 * @param region        the scope's region; for a category's complaints the region they come from (tracked inside
 *                      the category's key); else ""
 * @param minuteStartMs start of the minute, event time
 * @param count         complaints opened | negative texts | SLA breaches
 * @param total         sentiment: the texts scored; else 0
 * @param sentimentSum  sentiment: the sum of their scores; else 0
 */
public record ScopeMinute(
        String kind,
        String scopeType,
        String scope,
        String category,
        String channel,
        String region,
        long minuteStartMs,
        long count,
        long total,
        double sentimentSum) {

    public String key() {
        return kind + ":" + scopeType + ":" + scope;
    }
}
