package io.cxpulse.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClickHouseMigrationsTest {

    @Test
    void bundledMigrationsAreNumberedInOrderAndMentionTheirTables() {
        List<ClickHouseMigrations.Migration> all = ClickHouseMigrations.bundled();
        assertThat(all).extracting(ClickHouseMigrations.Migration::version).startsWith(1, 2, 3);
        assertThat(all.get(0).sql()).contains("{db}.events");
        assertThat(all).allSatisfy(m -> assertThat(m.checksum()).hasSize(64));
    }

    @Test
    void splitsStatementsAtLineEndSemicolonsAndDropsComments() {
        assertThat(ClickHouseMigrations.statements("-- a comment\nCREATE TABLE a (x String COMMENT 'a;b');\n\nALTER TABLE a ADD COLUMN y UInt8;\n"))
                .containsExactly("CREATE TABLE a (x String COMMENT 'a;b')", "ALTER TABLE a ADD COLUMN y UInt8");
    }

    @Test
    void comparesServerVersionsNumerically() {
        assertThat(ClickHouseMigrations.compareVersions("18.16.1", "21.8")).isNegative();
        assertThat(ClickHouseMigrations.compareVersions("25.3.2.1", "21.8")).isPositive();
        assertThat(ClickHouseMigrations.compareVersions("21.8", "21.8.0")).isZero();
    }

    @Test
    void errorSummariesNeverCarryTheRejectedRow() {
        RuntimeException e = new RuntimeException("Code: 27. DB::Exception: Cannot parse input: expected '\"' before: 'my phone 13800138000'");
        assertThat(ClickHouseErrors.summarize(e)).contains("Code: 27").doesNotContain("13800138000");
    }
}
