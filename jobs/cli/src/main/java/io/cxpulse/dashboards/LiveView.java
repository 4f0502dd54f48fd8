package io.cxpulse.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's live dashboards, where there is no Grafana: a page on 127.0.0.1 that draws every panel of
 * {@link Dashboard#loadAll()} with ECharts (from its WebJar) and re-runs each panel's SQL against ClickHouse at the
 * panel's refresh interval. {@code /api/panels} lists the panels, {@code /api/panel/<id>?from=&to=&account_manager=}
 * runs one (ClickHouse's {@code FORMAT JSON}), {@code /api/variable/<name>} lists a variable's choices.
 */
public final class LiveView implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveView.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ECHARTS_POM = "/META-INF/maven/org.webjars.npm/echarts/pom.properties";
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    /** Range shown when the page gives none: the last quarter of an hour, and a minute ahead for clock skew. */
    private static final long DEFAULT_RANGE_SECONDS = 15 * 60;

    private final String clickhouseUrl;
    private final String database;
    private final Map<String, Panel> panels = new LinkedHashMap<>();
    private final Map<String, Panel.Variable> variables = new LinkedHashMap<>();
    private final byte[] panelList;
    private final String echartsPath;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "cxpulse-live-view");
        t.setDaemon(true);
        return t;
    });

    /**
     * Starts serving on 127.0.0.1.
     *
     * @param clickhouseUrl ClickHouse HTTP, e.g. {@code http://127.0.0.1:8123}
     * @param database      the job's database, e.g. {@code cxpulse}
     * @param port          where to listen; 0 picks a free port (see {@link #url()})
     */
    public LiveView(String clickhouseUrl, String database, int port) {
        this.clickhouseUrl = clickhouseUrl.replaceAll("/+$", "");
        this.database = database;
        List<Dashboard> dashboards = Dashboard.loadAll();
        dashboards.forEach(d -> {
            d.panels().forEach(p -> panels.put(p.id(), p));
            d.variables().forEach(v -> variables.putIfAbsent(v.name(), v));
        });
        this.panelList = json(panelList(dashboards));
        this.echartsPath = "/META-INF/resources/webjars/echarts/" + echartsVersion() + "/dist/echarts.min.js";
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " for the live view", e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** e.g. {@code http://127.0.0.1:8088/} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET")) {
                send(exchange, 405, "text/plain", "GET only".getBytes(StandardCharsets.UTF_8));
            } else if (path.equals("/") || path.equals("/index.html")) {
                send(exchange, 200, "text/html; charset=utf-8", resource("/cxpulse/dashboards/live-view.html"));
            } else if (path.equals("/static/echarts.min.js")) {
                send(exchange, 200, "application/javascript", resource(echartsPath));
            } else if (path.equals("/api/panels")) {
                send(exchange, 200, "application/json", panelList);
            } else if (path.startsWith("/api/panel/") && panels.containsKey(path.substring(11))) {
                Panel p = panels.get(path.substring(11));
                query(exchange, p.id(), p.query());
            } else if (path.startsWith("/api/variable/") && variables.containsKey(path.substring(14))) {
                Panel.Variable v = variables.get(path.substring(14));
                query(exchange, "variable " + v.name(), v.query());
            } else {
                send(exchange, 404, "text/plain", ("no such page: " + path).getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            LOG.warn("live view: {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
        }
    }

    private void query(HttpExchange exchange, String what, String sql) throws IOException {
        Map<String, String> params = params(exchange.getRequestURI());
        try {
            long to = params.containsKey("to") ? Long.parseLong(params.get("to")) : System.currentTimeMillis() / 1000 + 60;
            long from = params.containsKey("from") ? Long.parseLong(params.get("from")) : to - DEFAULT_RANGE_SECONDS;
            Map<String, String> values = new HashMap<>();
            variables.keySet().forEach(name -> values.put(name, params.getOrDefault(name, "")));
            String rendered = PanelSql.forClickHouse(sql, from, to, values);
            send(exchange, 200, "application/json", run(rendered));
        } catch (NumberFormatException e) {
            send(exchange, 400, "application/json", error("from and to must be epoch seconds"));
        } catch (IllegalStateException | IOException e) {
            LOG.warn("live view: {} failed: {}", what, e.getMessage());
            send(exchange, 502, "application/json", error(e.getMessage()));
        }
    }

    /** Runs one query over ClickHouse's HTTP interface, read-only, and returns its {@code FORMAT JSON} answer. */
    byte[] run(String sql) throws IOException {
        URI uri = URI.create(clickhouseUrl + "/?readonly=2&database=" + URLEncoder.encode(database, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(QUERY_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(sql + "\nFORMAT JSON", StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse answered HTTP " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8).trim());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while querying ClickHouse", e);
        }
    }

    private static ObjectNode panelList(List<Dashboard> dashboards) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("dashboards");
        for (Dashboard d : dashboards) {
            ObjectNode dash = list.addObject().put("name", d.name()).put("title", d.title())
                    .put("description", d.description()).put("time_from", d.timeFrom());
            ArrayNode vars = dash.putArray("variables");
            d.variables().forEach(v -> vars.addObject().put("name", v.name()).put("label", v.label()));
            ArrayNode ps = dash.putArray("panels");
            for (Panel p : d.panels()) {
                ObjectNode node = ps.addObject().put("id", p.id()).put("title", p.title())
                        .put("description", p.description()).put("type", p.type()).put("refresh_ms", p.refreshMs());
                node.set("highlight", JSON.valueToTree(p.highlight()));
                node.set("drilldown", JSON.valueToTree(p.drilldown()));
            }
        }
        return root;
    }

    private static Map<String, String> params(URI uri) {
        Map<String, String> out = new HashMap<>();
        String query = uri.getRawQuery();
        if (query == null) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String echartsVersion() {
        try (InputStream in = LiveView.class.getResourceAsStream(ECHARTS_POM)) {
            if (in == null) {
                throw new IllegalStateException("the ECharts WebJar is not on the classpath (" + ECHARTS_POM + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = LiveView.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return in.readAllBytes();
        }
    }

    private static byte[] error(String message) {
        return json(JSON.createObjectNode().put("error", message));
    }

    private static byte[] json(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }
}
