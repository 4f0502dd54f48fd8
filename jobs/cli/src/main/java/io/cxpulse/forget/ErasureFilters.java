package io.cxpulse.forget;

import static io.cxpulse.sink.clickhouse.ClickHouseSql.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.identity.HandleClaim;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which rows of each table hold a customer, as ClickHouse WHERE clauses that 18.16 and current servers both accept.
 * Every value from the user or the database goes through {@code ClickHouseSql.quote} (servers as old as 18.16 have no
 * query parameters), so no customer id or handle can end a literal and widen the delete.
 *
 * @param customerId the customer being erased
 * @param handleKeys her handles as the job matches them ({@link HandleClaim#key}: {@code platform:handle}, lower
 *                   case, no leading @)
 */
public record ErasureFilters(String customerId, Set<String> handleKeys) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every table with a customer_id column: rows naming her. */
    String byCustomerId() {
        return "customer_id = " + quote(customerId);
    }

    /** events: hers, and mentions that no profile attributed to anyone but that her handles wrote. */
    String events() {
        if (handleKeys.isEmpty()) {
            return byCustomerId();
        }
        return byCustomerId() + " OR (customer_id = '' AND concat(lower(platform), ':', lower(replaceRegexpOne("
                + "replaceRegexpAll(author_handle, '^\\\\s+|\\\\s+$', ''), '^@', ''))) IN (" + quotedHandleKeys() + "))";
    }

    /** alerts: hers, including a customer-scoped alert whose customer column was left empty. */
    String alerts() {
        return byCustomerId() + " OR (scope_type = 'customer' AND scope = " + quote(customerId) + ")";
    }

    /**
     * ingest_errors has no customer column: a rejected record is hers when its Kafka key is her id, or its raw payload
     * (text, not base64) names her as {@code "customer_id"} or names one of her handles as {@code "author_handle"}.
     */
    String ingestErrors() {
        StringBuilder where = new StringBuilder("record_key = ").append(quote(customerId))
                .append(" OR match(payload, ").append(quote(jsonField("customer_id", customerId, false))).append(')');
        for (String key : handleKeys) {
            String handle = key.substring(key.indexOf(':') + 1);
            where.append(" OR match(payload, ").append(quote(jsonField("author_handle", handle, true))).append(')');
        }
        return where.toString();
    }

    /** The choice {@link #events()} makes, for an event read from Kafka: hers, or a mention by one of her handles. */
    public boolean holdsEvent(String eventCustomerId, String platform, String authorHandle) {
        if (customerId.equals(eventCustomerId)) {
            return true;
        }
        return (eventCustomerId == null || eventCustomerId.isEmpty()) && authorHandle != null
                && handleKeys.contains(HandleClaim.key(platform, authorHandle));
    }

    /** The choice {@link #ingestErrors()} makes, for a rejected record read from Kafka (its key and raw value). */
    public boolean holdsRejected(byte[] key, byte[] value) {
        if (key != null && customerId.equals(new String(key, StandardCharsets.UTF_8))) {
            return true;
        }
        if (value == null) {
            return false;
        }
        String payload = new String(value, StandardCharsets.UTF_8);
        if (Pattern.compile(jsonField("customer_id", customerId, false)).matcher(payload).find()) {
            return true;
        }
        for (String handleKey : handleKeys) {
            String handle = handleKey.substring(handleKey.indexOf(':') + 1);
            if (Pattern.compile(jsonField("author_handle", handle, true)).matcher(payload).find()) {
                return true;
            }
        }
        return false;
    }

    private String quotedHandleKeys() {
        return handleKeys.stream().sorted().map(io.cxpulse.sink.clickhouse.ClickHouseSql::quote)
                .collect(Collectors.joining(", "));
    }

    /** A regular expression for {@code "field": "value"} as JSON writes it; handles case-insensitive, @ optional. */
    static String jsonField(String field, String value, boolean handle) {
        String encoded = json(value);
        String inner = encoded.substring(1, encoded.length() - 1);
        return (handle ? "(?i)" : "") + "\"" + field + "\"\\s*:\\s*\"" + (handle ? "@?" : "") + literal(inner) + "\"";
    }

    /** RE2 treats a backslash before ASCII punctuation as that character; everything else is already literal. */
    static String literal(String text) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 128 && !Character.isLetterOrDigit(c) && c > ' ') {
                sb.append('\\');
            }
            sb.appendCodePoint(c);
        });
        return sb.toString();
    }

    private static String json(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> handleKeys(List<String> platforms, List<String> handles) {
        Set<String> keys = new java.util.TreeSet<>();
        for (int i = 0; i < Math.min(platforms.size(), handles.size()); i++) {
            if (!handles.get(i).isBlank()) {
                keys.add(HandleClaim.key(platforms.get(i), handles.get(i)));
            }
        }
        return keys;
    }
}
