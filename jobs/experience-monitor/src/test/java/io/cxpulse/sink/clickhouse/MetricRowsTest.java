package io.cxpulse.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.aggregate.MetricRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The metrics rows as ClickHouse gets them: exactly the migration's columns, means derived, 0 for empty counts. */
class MetricRowsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MIGRATION = ClickHouseMigrations.RESOURCE_DIR + "V006__metrics.sql";

    private static JsonNode encode(MetricRow row) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = JSON.getFactory().createGenerator(text)) {
            new MetricRows("metrics_1m").write(row, g);
        }
        return JSON.readTree(text.toString());
    }

    private static String migration() throws IOException {
        try (InputStream in = MetricRowsTest.class.getResourceAsStream(MIGRATION)) {
            assertThat(in).as(MIGRATION).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The column names of {@code table}'s CREATE TABLE, in order. */
    private static List<String> columnsOf(String sql, String table) {
        Matcher create = Pattern.compile("CREATE TABLE IF NOT EXISTS \\{db}\\." + table + "\\s*\\((.*?)\\n\\)",
                Pattern.DOTALL).matcher(sql);
        assertThat(create.find()).as("CREATE TABLE of " + table).isTrue();
        List<String> columns = new ArrayList<>();
        Matcher column = Pattern.compile("(?m)^\\s+([a-z_0-9]+)\\s+\\S").matcher(create.group(1));
        while (column.find()) {
            columns.add(column.group(1));
        }
        return columns;
    }

    private static MetricRow row(long sentimentCount, double sentimentSum, long negatives, long waitCount, long waitSum) {
        return new MetricRow(1_790_000_040_000L, "1m", "complaint", "app", "billing", "east", 10, sentimentCount,
                sentimentSum, negatives, 3, 2, 1, waitCount, waitSum, 4, 1, 0, "", 2);
    }

    @Test
    void theJsonKeysAreTheMigrationsColumnsInOrder() throws IOException {
        String sql = migration();
        List<String> columns = columnsOf(sql, "metrics_1m");
        assertThat(columns).hasSize(24).contains("bucket_start", "sentiment_mean", "updated_at");
        List<String> keys = new ArrayList<>();
        encode(row(4, -1, 1, 2, 3000)).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactlyElementsOf(columns);
        // the rollups are made with the same columns
        assertThat(sql).contains("{db}.metrics_1h AS {db}.metrics_1m").contains("{db}.metrics_1d AS {db}.metrics_1m");
        assertThat(sql).doesNotContain("LowCardinality").doesNotContain("TTL").doesNotContain("CODEC");
    }

    @Test
    void meansAndSharesAreDerivedAndZeroWithoutAnythingToAverage() throws IOException {
        JsonNode full = encode(row(4, -1, 1, 2, 3000));
        assertThat(full.get("bucket_start").asText()).isEqualTo("2026-09-21 14:14:00");
        assertThat(full.get("bucket_start_ms").asLong()).isEqualTo(1_790_000_040_000L);
        assertThat(full.get("sentiment_mean").asDouble()).isEqualTo(-0.25);
        assertThat(full.get("negative_share").asDouble()).isEqualTo(0.25);
        assertThat(full.get("wait_ms_mean").asDouble()).isEqualTo(1500.0);
        assertThat(full.get("revision").asLong()).isEqualTo(2);
        assertThat(full.get("part").asText()).isEmpty();

        JsonNode empty = encode(row(0, 0, 0, 0, 0));
        assertThat(empty.get("sentiment_mean").asDouble()).isZero();
        assertThat(empty.get("negative_share").asDouble()).isZero();
        assertThat(empty.get("wait_ms_mean").asDouble()).isZero();
    }

    @Test
    void theTableIsTheOneItWasMadeFor() {
        assertThat(new MetricRows("metrics_1h").table()).isEqualTo("metrics_1h");
    }
}
