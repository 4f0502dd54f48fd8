package io.cxpulse.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxpulse.text.RepoPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed Grafana dashboards are exactly what the generator makes of the panel definitions. */
class GrafanaDashboardsTest {

    @Test
    void committedDashboardsEqualTheGeneratorsOutput() throws IOException {
        Path dir = RepoPaths.root().resolve(DashboardsCommand.GRAFANA_DASHBOARDS);
        Map<String, String> generated = GrafanaDashboards.render();
        assertThat(generated.keySet()).containsExactly("ops.json", "churn-watch.json", "pipeline-health.json");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(generated.keySet());
        }
        for (Map.Entry<String, String> f : generated.entrySet()) {
            assertThat(Files.readString(dir.resolve(f.getKey()), StandardCharsets.UTF_8))
                    .as("%s is stale: run ./bin/cxpulse dashboards generate and commit it", f.getKey())
                    .isEqualTo(f.getValue());
        }
    }

    @Test
    void grafanaSqlUsesThePluginsMacrosAndQuotedVariables() {
        String churn = GrafanaDashboards.render().get("churn-watch.json");
        assertThat(churn).contains("$__fromTime").contains("$__toTime").contains("${account_manager:sqlstring}")
                .contains("\"editorType\" : \"sql\"").contains("\"type\" : \"grafana-clickhouse-datasource\"")
                .doesNotContain("{from}").doesNotContain("{to}").doesNotContain("= {account_manager}");
        String ops = GrafanaDashboards.render().get("ops.json");
        assertThat(ops).contains("\"queryType\" : \"timeseries\"").contains("\"format\" : 0")
                .contains("\"queryType\" : \"table\"").contains("\"format\" : 1");
    }

    @Test
    void placeholdersBecomeDateTimesAndEscapedLiterals() {
        String sql = "SELECT 1 FROM t WHERE a >= {from} AND a < {to} AND m = {account_manager}";
        assertThat(PanelSql.forClickHouse(sql, 100, 200, Map.of("account_manager", "o'neil\\ \n")))
                .isEqualTo("SELECT 1 FROM t WHERE a >= toDateTime(100) AND a < toDateTime(200) AND m = 'o\\'neil\\\\ \\n'");
        assertThatThrownBy(() -> PanelSql.forClickHouse(sql, 1, 2, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("account_manager");
    }

    @Test
    void everyPanelIsDescribedAndTyped() {
        List<Dashboard> all = Dashboard.loadAll();
        assertThat(all).extracting(Dashboard::name).containsExactly("ops", "churn-watch", "pipeline-health");
        assertThat(all.stream().flatMap(d -> d.panels().stream()))
                .hasSizeGreaterThanOrEqualTo(18)
                .allSatisfy(p -> assertThat(Panel.TYPES).contains(p.type()))
                .allSatisfy(p -> assertThat(p.description()).endsWith("."));
    }
}
