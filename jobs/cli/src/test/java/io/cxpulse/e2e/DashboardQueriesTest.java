package io.cxpulse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.dashboards.Dashboard;
import io.cxpulse.dashboards.LiveView;
import io.cxpulse.dashboards.Panel;
import io.cxpulse.dashboards.PanelSql;
import io.cxpulse.job.JobSinks;
import io.cxpulse.job.JobSources;
import io.cxpulse.local.LocalFlink;
import io.cxpulse.simulator.SimulatedRecord;
import io.cxpulse.simulator.Simulator;
import io.cxpulse.simulator.SimulatorSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every dashboard panel against a real ClickHouse filled by the real pipeline (simulator traffic through the job on a
 * Flink mini-cluster), through the live view's HTTP API: each panel's SQL runs, returns rows, and its key figures agree
 * with direct counts for the same interval. Then the live view in headless Chromium: every panel draws rows, and a
 * screenshot is kept at {@code target/live-view.png}. One filled stack serves both tests.
 */
class DashboardQueriesTest {

    private static final String DB = "dashboards";
    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static LocalStack stack;
    static LocalFlink job;
    static LiveView liveView;
    /** The time range every panel is asked for: all the simulated traffic, epoch seconds. */
    static long from;
    static long to;
    /** An account manager with customer alerts. */
    static String manager;

    @BeforeAll
    static void fillClickHouseThroughThePipeline() throws Exception {
        stack = new LocalStack(dir, DB);
        job = LocalFlink.start(stack.config, JobSources.kafka(stack.config), JobSinks.production(stack.config),
                dir.resolve("flink"), 0);
        job.awaitRunning(Duration.ofSeconds(60));
        long start = System.currentTimeMillis() - 150_000;
        Simulator simulator = new Simulator(new SimulatorSettings(7, 200, 30, 0.02, start));
        List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
        simulator.profiles().forEach(r -> batch.add(new ProducerRecord<>(r.topic(), r.keyBytes(), r.value())));
        Set<String> ids = new HashSet<>();
        int malformed = 0;
        for (int i = 0; i < 4_000; i++) {
            SimulatedRecord r = simulator.next();
            batch.add(new ProducerRecord<>(r.topic(), r.keyBytes(), r.value()));
            if (r.malformed()) {
                malformed++;
            } else {
                Matcher m = EVENT_ID.matcher(new String(r.value(), StandardCharsets.UTF_8));
                assertThat(m.find()).isTrue();
                ids.add(m.group(1));
            }
        }
        stack.sendAll(batch);
        int errors = malformed;
        LocalStack.await("every event and rejected record in ClickHouse", Duration.ofSeconds(60),
                () -> stack.count("SELECT count() FROM " + DB + ".events FINAL") == ids.size()
                        && stack.count("SELECT count() FROM " + DB + ".ingest_errors FINAL") == errors,
                () -> stack.clickhouse.query("SELECT count() FROM " + DB + ".events FINAL").trim() + " of " + ids.size());
        LocalStack.await("a score for every customer with events", Duration.ofSeconds(30),
                () -> stack.count("SELECT uniqExact(customer_id) FROM " + DB + ".events WHERE customer_id != '' "
                        + "AND customer_id NOT IN (SELECT customer_id FROM " + DB + ".customer_scores_latest)") == 0);
        LocalStack.await("customer alerts and the minute metrics", Duration.ofSeconds(30),
                () -> stack.count("SELECT count() FROM " + DB + ".alerts FINAL WHERE account_manager != ''") > 0
                        && stack.count("SELECT count() FROM " + DB + ".metrics_1m FINAL WHERE stream = 'complaint'") > 0);
        manager = stack.clickhouse.query("SELECT account_manager FROM " + DB + ".alerts FINAL WHERE account_manager != '' "
                + "GROUP BY account_manager ORDER BY count() DESC, account_manager LIMIT 1").trim();
        from = start / 1000 - 60;
        to = System.currentTimeMillis() / 1000 + 60;
        liveView = new LiveView(stack.clickhouse.httpUrl(), DB, 0);
    }

    @AfterAll
    static void stop() throws Exception {
        if (liveView != null) {
            liveView.close();
        }
        if (job != null) {
            job.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyPanelRunsReturnsRowsAndAgreesWithDirectCounts() throws Exception {
        String range = " BETWEEN toDateTime(" + from + ") AND toDateTime(" + (to - 1) + ")";
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (Dashboard d : Dashboard.loadAll()) {
            for (Panel p : d.panels()) {
                JsonNode result = panel(p.id(), manager);
                assertThat(result.path("rows").asInt()).as("rows of %s", p.id()).isPositive();
                results.put(p.id(), result.path("data"));
            }
        }

        // ops
        assertThat(sum(results.get("ops_events_per_second"), "events_per_second") * 10)
                .isCloseTo(stack.count("SELECT count() FROM " + DB + ".events FINAL WHERE event_time" + range), within());
        assertThat(column(results.get("ops_events_per_second"), "stream"))
                .contains("click", "complaint", "service_event", "social_mention");
        Map<String, Long> byCategory = new TreeMap<>();
        results.get("ops_complaints_by_category").forEach(r -> byCategory.put(r.path("category").asText(), r.path("complaints").asLong()));
        assertThat(byCategory).isEqualTo(counts("SELECT category, count() FROM " + DB + ".events FINAL WHERE event_type = "
                + "'complaint' AND kind = 'opened' AND event_time" + range + " GROUP BY category"));
        // the minute metrics agree with the events of the minutes they cover (the last minutes may still be on their way)
        LocalStack.await("complaints opened and SLA breaches per minute to agree with events", Duration.ofSeconds(30),
                () -> minuteMetricsAgree("ops_complaints_opened_resolved", "opened", "event_type = 'complaint' AND kind = 'opened'")
                        && minuteMetricsAgree("ops_sla_breaches_waits", "sla_breaches",
                                "event_type = 'service_event' AND kind = 'sla_breached'"));
        results.get("ops_sentiment_by_channel").forEach(r -> assertThat(r.path("sentiment").asDouble()).isBetween(-1.0, 1.0));
        assertThat(results.get("ops_alert_feed").size()).isEqualTo((int) Math.min(100, stack.count("SELECT count() FROM (SELECT "
                + "opened_at, status FROM " + DB + ".alerts FINAL) WHERE opened_at" + range + " OR status != 'resolved'")));
        assertThat(results.get("ops_negative_mentions").get(0).path("reach").asLong()).isEqualTo(stack.count(
                "SELECT max(author_followers) FROM " + DB + ".events FINAL WHERE event_type = 'social_mention' AND "
                        + "sentiment < -0.2 AND event_time" + range));

        // churn watch, for the manager
        String mine = "(SELECT churn_risk, status, account_manager FROM " + DB + ".customer_scores_latest FINAL) WHERE "
                + "account_manager = " + PanelSql.stringLiteral(manager) + " AND status != 'churned'";
        JsonNode atRisk = results.get("churn_at_risk");
        long active = stack.count("SELECT count() FROM " + mine);
        assertThat(atRisk.size()).isEqualTo((int) Math.min(25, active));
        assertThat(count(atRisk, r -> r.path("at_risk").asInt() == 1))
                .isEqualTo(Math.min(25, stack.count("SELECT count() FROM " + mine + " AND churn_risk >= 0.3")));
        assertThat(atRisk.get(0).path("risk").asDouble()).isCloseTo(
                Double.parseDouble(stack.clickhouse.query("SELECT round(max(churn_risk), 3) FROM " + mine).trim()), within());
        assertThat(sum(results.get("churn_risk_distribution"), "customers")).isEqualTo((double) active);
        assertThat(results.get("churn_recent_alerts").size()).isEqualTo((int) Math.min(50, stack.count("SELECT count() FROM "
                + "(SELECT opened_at, status, account_manager FROM " + DB + ".alerts FINAL) WHERE account_manager = "
                + PanelSql.stringLiteral(manager) + " AND (opened_at" + range + " OR status != 'resolved')")));
        String riskiest = atRisk.get(0).path("customer_id").asText();
        JsonNode events = results.get("churn_customer_events");
        assertThat(column(events, "customer_id")).containsOnly(riskiest);
        assertThat(events.size()).isEqualTo((int) Math.min(50, stack.count("SELECT count() FROM " + DB
                + ".events FINAL WHERE customer_id = " + PanelSql.stringLiteral(riskiest))));
        // drill-down: a customer picked in the table shows that customer's events
        String picked = atRisk.get(atRisk.size() - 1).path("customer_id").asText();
        JsonNode pickedEvents = JSON.readTree(get(liveView.url() + "api/panel/churn_customer_events?from=" + from + "&to=" + to
                + "&account_manager=" + URLEncoder.encode(manager, StandardCharsets.UTF_8) + "&customer=" + picked));
        assertThat(pickedEvents.path("rows").asLong()).isEqualTo(Math.min(50, stack.count("SELECT count() FROM " + DB
                + ".events FINAL WHERE customer_id = " + PanelSql.stringLiteral(picked))));
        assertThat(column(pickedEvents.path("data"), "customer_id")).containsExactly(picked);
        assertThat(results.get("churn_risk_movement").size()).isEqualTo((int) Math.min(20, stack.count("SELECT "
                + "uniqExact(customer_id) FROM " + DB + ".customer_scores WHERE account_manager = "
                + PanelSql.stringLiteral(manager) + " AND score_time" + range)));

        // pipeline health
        assertThat(results.get("pipeline_rejected_by_reason").size()).isLessThan(200); // so none is left out of the sum
        assertThat(sum(results.get("pipeline_rejected_by_reason"), "records")).isEqualTo((double) stack.count(
                "SELECT count() FROM " + DB + ".ingest_errors FINAL WHERE rejected_at" + range));
        assertThat(sum(results.get("pipeline_ingest_rate"), "records_per_second") * 10).isCloseTo(
                stack.count("SELECT count() FROM " + DB + ".events FINAL WHERE ingested_at" + range), within());
        assertThat(column(results.get("pipeline_event_time_lag"), "stream"))
                .containsExactly("click", "complaint", "service_event", "social_mention");
        results.get("pipeline_event_time_lag").forEach(r -> assertThat(r.path("lag_seconds").asLong()).isBetween(-120L, 600L));
        assertThat(sum(results.get("pipeline_alert_latency"), "transitions")).isEqualTo((double) stack.count(
                "SELECT count() FROM " + DB + ".alerts FINAL WHERE event_time" + range));
        results.get("pipeline_alert_latency").forEach(r ->
                assertThat(r.path("p50_ms").asLong()).isLessThanOrEqualTo(r.path("p99_ms").asLong()));
        assertThat(results.get("pipeline_checkpoints").get(0).path("checkpoint_health").asText()).isEqualTo("n/a");
    }

    @Test
    void aHostileAccountManagerIsMatchedLiterallyNeverExecuted() throws Exception {
        String hostile = "x' OR 1=1 OR '' = '\\";
        assertThat(panel("churn_at_risk", hostile).path("rows").asInt()).isZero();
        String quoted = "o'brien\\ \"q\"";
        stack.clickhouse.query("INSERT INTO " + DB + ".customer_scores_latest (customer_id, score_seq, churn_risk, status, "
                + "account_manager) VALUES ('cust-hostile', 1, 0.9, 'active', " + PanelSql.stringLiteral(quoted) + ")");
        JsonNode result = panel("churn_at_risk", quoted);
        assertThat(result.path("rows").asInt()).isEqualTo(1);
        assertThat(result.path("data").get(0).path("customer_id").asText()).isEqualTo("cust-hostile");
    }

    @Test
    void liveViewInHeadlessChromiumDrawsEveryPanel() throws Exception {
        JsonNode list = JSON.readTree(get(liveView.url() + "api/panels"));
        assertThat(list.path("dashboards")).hasSize(3);
        Path profile = Files.createDirectories(dir.resolve("chromium"));
        Path screenshot = Path.of("target", "live-view.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        String dom = chromium(profile, "--dump-dom", liveView.url());
        Map<String, Integer> drawn = new TreeMap<>();
        Matcher m = Pattern.compile("data-panel=\"([a-z_]+)\"[^>]*?data-drawn=\"(\\d+)\"").matcher(dom);
        while (m.find()) {
            drawn.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        List<String> ids = Dashboard.loadAll().stream().flatMap(d -> d.panels().stream()).map(Panel::id).toList();
        assertThat(dom).doesNotContain("data-error=");
        assertThat(drawn.keySet()).as("panels drawn, in %s", dom.length() > 4000 ? dom.substring(0, 4000) : dom)
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(drawn.values()).allSatisfy(rows -> assertThat(rows).isPositive());
        assertThat(dom).contains("<canvas"); // ECharts drew the charts
        chromium(profile, "--screenshot=" + screenshot, "--window-size=1600,1200", liveView.url());
        assertThat(screenshot).exists();
        assertThat(Files.size(screenshot)).isGreaterThan(20_000);
        // the account managers' view on its own, for a look at the churn watch
        Path churnWatch = screenshot.resolveSibling("live-view-churn-watch.png");
        chromium(profile, "--screenshot=" + churnWatch, "--window-size=1600,1400", liveView.url() + "?dashboard=churn-watch");
        assertThat(Files.size(churnWatch)).isGreaterThan(20_000);
    }

    /** The panel's per-minute figure summed equals the events of the same minutes. */
    private static boolean minuteMetricsAgree(String panelId, String column, String events) {
        JsonNode rows = data(panelId);
        if (rows.isEmpty()) {
            return false;
        }
        String lastMinute = rows.get(rows.size() - 1).path("time").asText();
        return sum(rows, column) == stack.count("SELECT count() FROM " + DB + ".events FINAL WHERE " + events
                + " AND event_time >= toStartOfMinute(toDateTime(" + from + ")) AND event_time < toDateTime('" + lastMinute
                + "', 'UTC') + 60");
    }

    private static JsonNode data(String panelId) {
        try {
            return panel(panelId, manager).path("data");
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String chromium(Path profile, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--virtual-time-budget=15000"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Process p;
        try {
            p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new AssertionError("headless Chromium is required (Debian: apt-get install chromium; ./bin/cxpulse test "
                    + "installs it): " + e.getMessage(), e);
        }
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s: " + command);
        }
        assertThat(p.exitValue()).as("chromium exit code").isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static JsonNode panel(String id, String accountManager) throws IOException, InterruptedException {
        return JSON.readTree(get(liveView.url() + "api/panel/" + id + "?from=" + from + "&to=" + to + "&account_manager="
                + URLEncoder.encode(accountManager, StandardCharsets.UTF_8)));
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s answered %s", url, r.body()).isEqualTo(200);
        return r.body();
    }

    private static Map<String, Long> counts(String sql) {
        Map<String, Long> out = new TreeMap<>();
        stack.clickhouse.query(sql).lines().map(l -> l.split("\t")).forEach(f -> out.put(f[0], Long.parseLong(f[1])));
        return out;
    }

    private static double sum(JsonNode rows, String column) {
        double total = 0;
        for (JsonNode r : rows) {
            total += Double.parseDouble(r.path(column).asText());
        }
        return total;
    }

    private static long count(JsonNode rows, java.util.function.Predicate<JsonNode> test) {
        long n = 0;
        for (JsonNode r : rows) {
            n += test.test(r) ? 1 : 0;
        }
        return n;
    }

    private static List<String> column(JsonNode rows, String column) {
        List<String> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.path(column).asText()));
        return out.stream().distinct().toList();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(0.01);
    }
}
