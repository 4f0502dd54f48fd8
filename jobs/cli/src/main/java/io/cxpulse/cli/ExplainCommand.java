package io.cxpulse.cli;

import static io.cxpulse.sink.clickhouse.ClickHouseSql.quote;

import com.fasterxml.jackson.databind.JsonNode;
import io.cxpulse.config.JobConfig;
import io.cxpulse.config.JobOptions;
import io.cxpulse.sink.clickhouse.ClickHouseMigrations;
import io.cxpulse.sink.clickhouse.ClickHouseSettings;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What an account manager wants when an alert arrives: the customer's risk, why, and what happened lately. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Print a customer's current churn risk, its reasons, how it moved, and their recent events (from ClickHouse).")
public final class ExplainCommand implements Callable<Integer> {

    @Mixin
    JobOptions options = new JobOptions();

    @Option(names = "--customer", required = true, paramLabel = "ID", description = "The customer_id.")
    String customer;

    @Option(names = "--events", defaultValue = "20", description = "How many recent events to show. Default: ${DEFAULT-VALUE}.")
    int events;

    @Option(names = "--lang", defaultValue = "en", description = "Language of the reasons: en or zh. Default: ${DEFAULT-VALUE}.")
    String lang;

    @Override
    public Integer call() {
        if (!lang.equals("en") && !lang.equals("zh")) {
            throw new IllegalArgumentException("--lang must be en or zh, got '" + lang + "'");
        }
        if (events < 1 || events > 1000) {
            throw new IllegalArgumentException("--events must be between 1 and 1000, got " + events);
        }
        JobConfig config = options.toConfig(System.getenv());
        String db = config.clickhouseDatabase();
        String id = quote(customer);
        PrintStream out = System.out;
        try (var client = ClickHouseSettings.from(config).newClient()) {
            List<JsonNode> latest = ClickHouseMigrations.queryJson(client, "SELECT churn_risk, risk_band, status, sentiment, "
                    + "sentiment_usual, explanation_en, explanation_zh, reason_codes, reason_contributions, open_complaints, "
                    + "oldest_open_complaint_days, days_since_activity, account_manager, tier, region, model_version, "
                    + "toString(score_time) AS score_time FROM " + db + ".customer_scores_latest FINAL WHERE customer_id = " + id);
            List<JsonNode> profile = ClickHouseMigrations.queryJson(client, "SELECT name, tier, region, segment, "
                    + "account_manager, account_manager_email FROM " + db + ".customers FINAL WHERE customer_id = " + id);
            if (latest.isEmpty() && profile.isEmpty()) {
                out.println("no customer '" + customer + "' in " + db + " (no scores and no profile)");
                return 1;
            }
            out.println("customer " + customer + profileLine(profile));
            if (latest.isEmpty()) {
                out.println("  no score yet (no events)");
            } else {
                JsonNode s = latest.get(0);
                out.printf(Locale.ROOT, "  churn risk %.2f (%s), status %s, as of %s UTC, model %s%n",
                        s.get("churn_risk").asDouble(), s.get("risk_band").asText(), s.get("status").asText(),
                        s.get("score_time").asText(), s.get("model_version").asText());
                out.println("  why: " + s.get(lang.equals("en") ? "explanation_en" : "explanation_zh").asText());
                out.printf(Locale.ROOT, "  sentiment %+.2f (usual %+.2f), %d open complaints (oldest %.1f days), last active %.1f days ago%n",
                        s.get("sentiment").asDouble(), s.get("sentiment_usual").asDouble(), s.get("open_complaints").asInt(),
                        s.get("oldest_open_complaint_days").asDouble(), s.get("days_since_activity").asDouble());
                JsonNode codes = s.get("reason_codes");
                JsonNode contributions = s.get("reason_contributions");
                for (int i = 0; i < codes.size(); i++) {
                    out.printf(Locale.ROOT, "    %-22s %+.2f (log-odds)%n", codes.get(i).asText(), contributions.get(i).asDouble());
                }
            }
            List<JsonNode> history = ClickHouseMigrations.queryJson(client, "SELECT toString(score_time) AS t, churn_risk, "
                    + "trigger_type FROM " + db + ".customer_scores FINAL WHERE customer_id = " + id
                    + " ORDER BY score_seq DESC LIMIT 10");
            if (!history.isEmpty()) {
                out.println("risk over the last " + history.size() + " scores (newest first):");
                for (JsonNode h : history) {
                    out.printf(Locale.ROOT, "  %s  %.2f  %s%n", h.get("t").asText(), h.get("churn_risk").asDouble(),
                            h.get("trigger_type").asText());
                }
            }
            List<JsonNode> recent = ClickHouseMigrations.queryJson(client, "SELECT toString(event_time) AS t, event_type, "
                    + "kind, channel, category, sentiment, wait_ms, substring(text, 1, 80) AS excerpt FROM " + db
                    + ".events FINAL WHERE customer_id = " + id + " ORDER BY event_time DESC LIMIT " + events);
            out.println("recent events (newest first):");
            for (JsonNode e : recent) {
                StringBuilder line = new StringBuilder("  ").append(e.get("t").asText()).append("  ")
                        .append(e.get("event_type").asText()).append(' ').append(e.get("kind").asText());
                appendIfSet(line, "channel", e.get("channel"));
                appendIfSet(line, "category", e.get("category"));
                if (!e.get("wait_ms").isNull()) {
                    line.append(String.format(Locale.ROOT, " waited %.0f min", e.get("wait_ms").asDouble() / 60_000));
                }
                if (!e.get("sentiment").isNull()) {
                    line.append(String.format(Locale.ROOT, " sentiment %+.2f", e.get("sentiment").asDouble()));
                }
                if (!e.get("excerpt").asText().isEmpty()) {
                    line.append("  \"").append(e.get("excerpt").asText()).append('"');
                }
                out.println(line);
            }
        }
        return 0;
    }

    private static String profileLine(List<JsonNode> profile) {
        if (profile.isEmpty()) {
            return " (no profile)";
        }
        JsonNode p = profile.get(0);
        return String.format(" — %s, %s tier, region %s, account manager %s <%s>", p.get("name").asText(),
                p.get("tier").asText(), p.get("region").asText(), p.get("account_manager").asText(),
                p.get("account_manager_email").asText());
    }

    private static void appendIfSet(StringBuilder line, String label, JsonNode value) {
        if (value != null && !value.asText().isEmpty()) {
            line.append(' ').append(label).append(' ').append(value.asText());
        }
    }
}
