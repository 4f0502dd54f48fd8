package io.cxpulse.dashboards;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Generates the Grafana dashboards ({@code dashboards/grafana/dashboards/*.json}) from the panel definitions, for the
 * official ClickHouse data source ({@code grafana-clickhouse-datasource}) provisioned as uid {@value #DATASOURCE_UID}.
 * The generated files are committed; a test checks they equal this generator's output, so the SQL has one source.
 */
public final class GrafanaDashboards {

    public static final String DATASOURCE_TYPE = "grafana-clickhouse-datasource";
    public static final String DATASOURCE_UID = "cxpulse-clickhouse";
    /** The plugin's query formats: time series (long or wide frames), or a table. */
    private static final int FORMAT_TIME_SERIES = 0;
    private static final int FORMAT_TABLE = 1;
    private static final int GRID_WIDTH = 24;

    private static final ObjectMapper JSON = new ObjectMapper();

    private GrafanaDashboards() {
    }

    /** File name → dashboard JSON text, for every dashboard. */
    public static Map<String, String> render() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Dashboard d : Dashboard.loadAll()) {
            out.put(d.name() + ".json", text(dashboard(d)));
        }
        return out;
    }

    /** Writes every dashboard into {@code dir}; returns the files written. */
    public static Map<String, String> write(Path dir) {
        Map<String, String> files = render();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Files.writeString(dir.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dashboards into " + dir, e);
        }
        return files;
    }

    static ObjectNode dashboard(Dashboard d) {
        ObjectNode root = JSON.createObjectNode();
        root.put("uid", d.uid()).put("title", d.title()).put("description", d.description())
                .put("editable", true).put("schemaVersion", 39).put("version", 1)
                .put("refresh", d.refresh()).put("timezone", "browser").put("graphTooltip", 1);
        root.putArray("tags").add("cxpulse");
        root.putObject("time").put("from", d.timeFrom()).put("to", "now");
        ArrayNode variables = root.putObject("templating").putArray("list");
        for (Panel.Variable v : d.variables()) {
            ObjectNode var = variables.addObject();
            var.put("name", v.name()).put("label", v.label()).put("type", "query").put("refresh", 1)
                    .put("includeAll", false).put("multi", false);
            var.set("datasource", datasource());
            var.put("query", PanelSql.forGrafana(v.query())).put("definition", PanelSql.forGrafana(v.query()));
        }
        ArrayNode panels = root.putArray("panels");
        Layout layout = new Layout();
        int n = 0;
        for (Panel p : d.panels()) {
            panels.add(panel(d, p, ++n, layout));
        }
        return root;
    }

    private static ObjectNode panel(Dashboard d, Panel p, int number, Layout layout) {
        ObjectNode panel = JSON.createObjectNode();
        panel.put("id", number).put("title", p.title()).put("description", p.description())
                .put("type", switch (p.type()) {
                    case "bar" -> "barchart";
                    default -> p.type();
                });
        panel.set("datasource", datasource());
        int width = p.type().equals("table") ? GRID_WIDTH : p.type().equals("stat") ? 8 : 12;
        int height = p.type().equals("stat") ? 5 : 9;
        panel.set("gridPos", layout.place(width, height));
        boolean series = p.type().equals("timeseries");
        ObjectNode target = panel.putArray("targets").addObject();
        target.put("refId", "A");
        target.set("datasource", datasource());
        target.put("editorType", "sql").put("queryType", series ? "timeseries" : "table")
                .put("format", series ? FORMAT_TIME_SERIES : FORMAT_TABLE)
                .put("rawSql", PanelSql.forGrafana(p.query()));
        ObjectNode fieldConfig = panel.putObject("fieldConfig");
        fieldConfig.putObject("defaults");
        ArrayNode overrides = fieldConfig.putArray("overrides");
        if (p.highlight() != null) {
            overrides.add(highlight(p.highlight()));
        }
        if (p.drilldown() != null) {
            overrides.add(drilldown(d, p.drilldown()));
        }
        if (p.type().equals("bar")) {
            panel.putObject("options").put("xTickLabelRotation", -30).put("showValue", "auto");
        }
        if (p.type().equals("stat")) {
            // every field, text included (checkpoint health is the text n/a)
            ObjectNode options = panel.putObject("options").put("textMode", "value_and_name").put("colorMode", "none");
            ObjectNode reduce = options.putObject("reduceOptions").put("fields", "/.*/").put("values", true);
            reduce.putArray("calcs").add("lastNotNull");
        }
        return panel;
    }

    /** Colours the highlighted values of the column, e.g. open incidents red. */
    private static ObjectNode highlight(Panel.Highlight h) {
        ObjectNode override = JSON.createObjectNode();
        override.putObject("matcher").put("id", "byName").put("options", h.column());
        ArrayNode properties = override.putArray("properties");
        properties.addObject().put("id", "custom.cellOptions").putObject("value").put("type", "color-background");
        ObjectNode options = JSON.createObjectNode();
        int index = 0;
        for (String value : h.values()) {
            options.putObject(value).put("color", "red").put("index", index++);
        }
        ObjectNode mapping = JSON.createObjectNode().put("type", "value");
        mapping.set("options", options);
        properties.addObject().put("id", "mappings").putArray("value").add(mapping);
        return override;
    }

    /** A link from the column's value to the same dashboard with the variable set to it. */
    private static ObjectNode drilldown(Dashboard d, Panel.Drilldown link) {
        ObjectNode override = JSON.createObjectNode();
        override.putObject("matcher").put("id", "byName").put("options", link.column());
        ObjectNode value = override.putArray("properties").addObject().put("id", "links").putArray("value").addObject();
        value.put("title", "Recent events of ${__value.raw}")
                .put("url", "/d/" + d.uid() + "?${__url_time_range}&${account_manager:queryparam}&var-"
                        + link.variable() + "=${__value.raw}");
        return override;
    }

    private static ObjectNode datasource() {
        return JSON.createObjectNode().put("type", DATASOURCE_TYPE).put("uid", DATASOURCE_UID);
    }

    private static String text(ObjectNode node) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return JSON.writer(printer).writeValueAsString(node) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills the 24-column grid left to right, a row at a time. */
    private static final class Layout {
        private int x;
        private int y;
        private int rowHeight;

        ObjectNode place(int width, int height) {
            if (x + width > GRID_WIDTH) {
                x = 0;
                y += rowHeight;
                rowHeight = 0;
            }
            ObjectNode pos = JSON.createObjectNode().put("x", x).put("y", y).put("w", width).put("h", height);
            x += width;
            rowHeight = Math.max(rowHeight, height);
            return pos;
        }
    }
}
