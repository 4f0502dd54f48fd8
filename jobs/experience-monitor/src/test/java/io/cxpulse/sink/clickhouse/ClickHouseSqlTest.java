package io.cxpulse.sink.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClickHouseSqlTest {

    @Test
    void noInputCanEndTheLiteral() {
        assertThat(ClickHouseSql.quote("cust-1")).isEqualTo("'cust-1'");
        assertThat(ClickHouseSql.quote("x' OR 1=1 --")).isEqualTo("'x\\' OR 1=1 --'");
        assertThat(ClickHouseSql.quote("a\\' OR '1'='1")).isEqualTo("'a\\\\\\' OR \\'1\\'=\\'1'");
        assertThat(ClickHouseSql.quote("line\nbreak\0")).isEqualTo("'line\\nbreak\\0'");
    }
}
