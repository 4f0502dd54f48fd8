package io.cxpulse.forget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The SQL that picks a customer's rows: a hostile id stays one literal, and the payload patterns match her records
 * exactly (the patterns use only what RE2 and java.util.regex read alike). The end-to-end test runs them on ClickHouse.
 */
class ErasureFiltersTest {

    @Test
    void aHostileIdStaysInsideOneQuotedLiteral() {
        ErasureFilters f = new ErasureFilters("x' OR 1=1 --\\'", Set.of());
        assertThat(f.byCustomerId()).isEqualTo("customer_id = 'x\\' OR 1=1 --\\\\\\''");
        assertThat(f.events()).isEqualTo(f.byCustomerId());
    }

    @Test
    void payloadPatternsMatchHerIdAndHandleAsJsonWritesThemAndNothingLonger() {
        Pattern id = Pattern.compile(ErasureFilters.jsonField("customer_id", "cust-1.\"q\"", false));
        assertThat(id.matcher("{\"customer_id\" : \"cust-1.\\\"q\\\"\", \"status\":\"opened\"}").find()).isTrue();
        assertThat(id.matcher("{\"customer_id\":\"cust-1.\\\"q\\\"2\"}").find()).isFalse();
        assertThat(id.matcher("{\"customer_id\":\"cust-1x\\\"q\\\"\"}").find()).as("a dot is a dot").isFalse();

        Pattern handle = Pattern.compile(ErasureFilters.jsonField("author_handle", "lily", true));
        assertThat(handle.matcher("{\"author_handle\":\"@Lily\"}").find()).isTrue();
        assertThat(handle.matcher("{\"author_handle\":\"lily2\"}").find()).isFalse();
    }

    @Test
    void handlesAreKeyedAsTheJobKeysThem() {
        assertThat(ErasureFilters.handleKeys(List.of("Weibo", "x"), List.of(" @Lily ", ""))).containsExactly("weibo:lily");
    }
}
