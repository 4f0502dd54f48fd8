package io.cxpulse.dashboards;

import java.util.List;

/**
 * One panel of a dashboard, as defined in {@code dashboards/panels/*.json}: the only copy of its SQL, shared by the
 * Grafana dashboards and the demo's live view.
 *
 * @param id          unique across all dashboards, e.g. {@code ops_alert_feed}
 * @param description what the figure means for the person watching (the ops docs quote it)
 * @param type        timeseries | table | stat | bar
 * @param sql         the query as lines, with placeholders (see {@link PanelSql})
 * @param refresh     how often to re-run it, e.g. {@code 5s}
 * @param highlight   table rows to highlight (column and values), or null
 * @param drilldown   a table column whose value, clicked, sets a dashboard variable, or null
 */
public record Panel(String id, String title, String description, String type, String refresh, List<String> sql,
        Highlight highlight, Drilldown drilldown) {

    public static final List<String> TYPES = List.of("timeseries", "table", "stat", "bar");

    public record Highlight(String column, List<String> values) {
    }

    public record Drilldown(String column, String variable) {
    }

    /** A dashboard variable whose choices come from a query (e.g. the account managers). */
    public record Variable(String name, String label, List<String> sql) {

        public String query() {
            return String.join("\n", sql);
        }
    }

    public String query() {
        return String.join("\n", sql);
    }

    void validate() {
        if (id == null || !id.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("panel id must be snake_case, got " + id);
        }
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("panel " + id + ": type must be one of " + TYPES + ", got " + type);
        }
        if (title == null || title.isBlank() || description == null || description.isBlank()) {
            throw new IllegalArgumentException("panel " + id + ": title and description are required");
        }
        if (sql == null || sql.isEmpty()) {
            throw new IllegalArgumentException("panel " + id + ": sql is required");
        }
        if (refresh == null || !refresh.matches("\\d+[sm]")) {
            throw new IllegalArgumentException("panel " + id + ": refresh must look like 5s or 1m, got " + refresh);
        }
    }

    /** @return {@link #refresh} in milliseconds */
    public long refreshMs() {
        long n = Long.parseLong(refresh.substring(0, refresh.length() - 1));
        return refresh.endsWith("m") ? n * 60_000 : n * 1_000;
    }
}
