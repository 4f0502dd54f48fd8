package io.cxpulse.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.ValidationMessage;
import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;
import io.cxpulse.model.SourceRef;
import io.cxpulse.model.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the raw bytes of an input record into a {@link CxEvent} or {@link CustomerProfile}, or a {@link Rejection}
 * that says precisely what is wrong. Parses once: the same tree is validated against the contract and mapped.
 *
 * <p>Not thread-safe to share across tasks only in the sense that it holds compiled schemas; each task makes its own.
 */
public final class EventDecoder {

    /** Nesting deeper than any contract needs: deeper input is hostile or broken. */
    public static final int MAX_NESTING_DEPTH = 32;

    /** Decimal exponents beyond a double's range: no field needs them, and they are costly to handle. */
    static final int MAX_EXPONENT = 308;

    /** Earliest date-time accepted; older ones are clock or unit errors (seconds sent as ms, say). */
    public static final long MIN_EVENT_TIME_MS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

    /** First date-time refused: beyond it lies ClickHouse's DateTime limit (2106), and no sane event. */
    public static final long MAX_EVENT_TIME_MS = Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();

    private final Contracts contracts;
    private final ObjectMapper mapper;
    private final int maxRecordBytes;
    private final long maxFutureSkewMs;

    /**
     * @param maxRecordBytes  records larger than this are refused before parsing
     * @param maxFutureSkewMs an event time further than this ahead of its Kafka timestamp is refused: one producer
     *     with a wrong clock must not push the watermark into the future and make everyone else's events late
     */
    public EventDecoder(Contracts contracts, int maxRecordBytes, long maxFutureSkewMs) {
        this.contracts = contracts;
        this.maxRecordBytes = maxRecordBytes;
        this.maxFutureSkewMs = maxFutureSkewMs;
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxNumberLength(64)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    public Decoded<CxEvent> decodeEvent(SourceRef source, byte[] value) {
        EventType type = EventType.ofTopic(source.topic());
        if (type == null) {
            return Decoded.rejected(Rejection.of("topic '" + source.topic() + "' carries no events"));
        }
        Parsed parsed = parse(source, value);
        if (parsed.rejection != null) {
            return Decoded.rejected(parsed.rejection);
        }
        try {
            return Decoded.accepted(toEvent(type, parsed.tree, source, new String(value, StandardCharsets.UTF_8)));
        } catch (RejectedException e) {
            return Decoded.rejected(e.rejection);
        }
    }

    private CxEvent toEvent(EventType type, JsonNode n, SourceRef source, String payload) throws RejectedException {
        long eventTime = parseTime(n, "event_time");
        if (source.kafkaTimestampMs() > 0 && eventTime - source.kafkaTimestampMs() > maxFutureSkewMs) {
            throw new RejectedException(Rejection.atField("$.event_time", (eventTime - source.kafkaTimestampMs()) / 1000
                    + " s ahead of the record's Kafka timestamp (limit " + maxFutureSkewMs / 1000 + " s)"));
        }
        return switch (type) {
            case CLICK -> new CxEvent(str(n, "event_id"), type, str(n, "action"), str(n, "customer_id"), eventTime,
                    str(n, "device"), null, str(n, "session_id"), null, null, lng(n, "duration_ms"), null, null,
                    null, null, str(n, "page"), null, null, null, null, null, source, payload);
            case COMPLAINT -> new CxEvent(str(n, "event_id"), type, str(n, "status"), str(n, "customer_id"), eventTime,
                    str(n, "channel"), str(n, "category"), str(n, "complaint_id"), str(n, "text"), integer(n, "severity"),
                    null, null, null, null, null, null, null, null, null, null, null, source, payload);
            case SOCIAL_MENTION -> new CxEvent(str(n, "event_id"), type, "mention", str(n, "customer_id"), eventTime,
                    str(n, "platform"), null, null, str(n, "text"), null, null, null, null, null, null,
                    str(n, "url"), str(n, "platform"), str(n, "author_handle"), lng(n, "author_followers"),
                    lng(n, "likes"), lng(n, "shares"), source, payload);
            case SERVICE_EVENT -> new CxEvent(str(n, "event_id"), type, str(n, "type"), str(n, "customer_id"), eventTime,
                    null, null, str(n, "case_id"), str(n, "text"), null, null, lng(n, "wait_ms"), lng(n, "handle_ms"),
                    dbl(n, "score"), str(n, "department"), null, null, null, null, null, null, source, payload);
        };
    }

    public Decoded<CustomerProfile> decodeProfile(SourceRef source, byte[] value) {
        if (!Topics.CUSTOMERS.equals(source.topic())) {
            return Decoded.rejected(Rejection.of("topic '" + source.topic() + "' carries no profiles"));
        }
        Parsed parsed = parse(source, value);
        if (parsed.rejection != null) {
            return Decoded.rejected(parsed.rejection);
        }
        try {
            return Decoded.accepted(toProfile(parsed.tree, source));
        } catch (RejectedException e) {
            return Decoded.rejected(e.rejection);
        }
    }

    private static CustomerProfile toProfile(JsonNode n, SourceRef source) throws RejectedException {
        long updatedAt = parseTime(n, "updated_at");
        Map<String, String> handles = new LinkedHashMap<>();
        JsonNode h = n.get("handles");
        if (h != null && h.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                handles.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode optIn = n.get("marketing_opt_in");
        return new CustomerProfile(str(n, "customer_id"), updatedAt, str(n, "name"), str(n, "segment"),
                str(n, "tier"), str(n, "region"), str(n, "account_manager"), str(n, "account_manager_email"),
                Map.copyOf(handles), optIn == null || optIn.isNull() ? null : optIn.asBoolean(), dbl(n, "lifetime_value"),
                date(n, "contract_renewal_date"), source);
    }

    private record Parsed(JsonNode tree, Rejection rejection) {}

    private Parsed parse(SourceRef source, byte[] value) {
        if (value == null || value.length == 0) {
            return new Parsed(null, Rejection.of("empty record (no value bytes)"));
        }
        if (value.length > maxRecordBytes) {
            return new Parsed(null, Rejection.of("record too large: " + value.length + " bytes, limit " + maxRecordBytes));
        }
        int badByte = Utf8.firstInvalidByte(value);
        if (badByte >= 0) {
            return new Parsed(null, Rejection.of("not valid UTF-8: malformed byte sequence at byte offset " + badByte));
        }
        JsonNode tree;
        try (JsonParser parser = mapper.createParser(value)) {
            tree = mapper.readTree(parser);
        } catch (JsonProcessingException e) {
            return new Parsed(null, Rejection.of("not valid JSON: " + describe(e)));
        } catch (IOException e) {
            return new Parsed(null, Rejection.of("not valid JSON: " + e.getMessage()));
        }
        if (tree == null || !tree.isObject()) {
            return new Parsed(null, Rejection.of("not a JSON object: the record is a JSON "
                    + (tree == null ? "nothing" : tree.getNodeType().name().toLowerCase())));
        }
        Rejection unusable = firstUnusableValue(tree, "$");
        if (unusable != null) {
            return new Parsed(null, unusable);
        }
        Set<ValidationMessage> errors = contracts.schemaOf(source.topic()).validate(tree);
        if (!errors.isEmpty()) {
            ValidationMessage first = errors.stream()
                    .min(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                            .thenComparing(ValidationMessage::getMessage))
                    .orElseThrow();
            String field = fieldOf(first);
            String message = first.getMessage();
            String location = first.getInstanceLocation().toString();
            if (message.startsWith(location + ": ")) {
                message = message.substring(location.length() + 2);
            }
            StringBuilder reason = new StringBuilder("breaks the ").append(source.topic()).append(" contract: ")
                    .append(field).append(": ").append(message);
            if (errors.size() > 1) {
                reason.append(" (and ").append(errors.size() - 1).append(" more)");
            }
            return new Parsed(null, new Rejection(reason.toString(), field));
        }
        return new Parsed(tree, null);
    }

    /**
     * Jackson's message without the source excerpt, and without the tokens it quotes from the record (an unquoted word
     * of a text, say): reasons are read by operators and may reach logs, customer text must not. Field names of a
     * duplicate key and JSON's own literals stay, so the reason still says what is wrong; line and column say where.
     */
    private static String describe(JsonProcessingException e) {
        String message = QUOTED.matcher(e.getOriginalMessage()).replaceAll(m -> {
            String quoted = m.group(1);
            boolean safe = JSON_WORDS.contains(quoted) || (FIELD_NAME.matcher(quoted).matches()
                    && e.getOriginalMessage().startsWith("Duplicate field '"));
            return Matcher.quoteReplacement(safe ? m.group() : "'…'");
        });
        if (e.getLocation() != null) {
            message += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }
        return message;
    }

    private static final Pattern QUOTED = Pattern.compile("'([^']{2,})'");
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Set<String> JSON_WORDS = Set.of("null", "true", "false", "NaN", "Infinity", "+Infinity",
            "-Infinity", "INF", "+INF", "-INF");

    /**
     * The first value no part of the job can take as it is, or null. Two kinds pass JSON parsing yet break what comes
     * after it. A string (value or key) holding half of a UTF-16 surrogate pair, written as a lone JSON escape between
     * D800 and DFFF: valid JSON and valid UTF-8 on the wire, but no Unicode text, and not storable as UTF-8 unaltered.
     * A number with an absurd exponent ({@code -1E-2091397212}): a few bytes on the wire, but the schema validator
     * writes it out in full (two billion digits) and runs out of memory.
     */
    private static Rejection firstUnusableValue(JsonNode node, String path) {
        if (node.isTextual() && hasUnpairedSurrogate(node.textValue())) {
            return Rejection.atField(path,
                    "not Unicode text: an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF without its pair)");
        }
        if (node.isBigDecimal() && Math.abs(node.decimalValue().precision() - node.decimalValue().scale() - 1) > MAX_EXPONENT) {
            return Rejection.atField(path, "number out of range: its exponent is beyond ±" + MAX_EXPONENT);
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Rejection found = firstUnusableValue(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = FIELD_NAME.matcher(field.getKey()).matches() ? path + "." + field.getKey() : path + "[…]";
                if (hasUnpairedSurrogate(field.getKey())) {
                    return Rejection.atField(child, "not Unicode text: the key has an unpaired UTF-16 surrogate escape");
                }
                Rejection found = firstUnusableValue(field.getValue(), child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static String fieldOf(ValidationMessage m) {
        String location = m.getInstanceLocation().toString();
        if ("required".equals(m.getType()) && m.getProperty() != null) {
            return "$".equals(location) ? "$." + m.getProperty() : location + "." + m.getProperty();
        }
        return location;
    }

    /**
     * An ISO-8601 date-time with a zone, in [2000, 2100): earlier ones are clock or unit errors (seconds sent as ms,
     * say); later ones would leave ClickHouse's DateTime range, and no Kafka timestamp may be there to catch them. The
     * value is not quoted in the reason: it may be anything, and the payload beside the reason holds it.
     */
    private static long parseTime(JsonNode n, String field) throws RejectedException {
        long ms;
        try {
            ms = OffsetDateTime.parse(n.get(field).asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            throw new RejectedException(Rejection.atField("$." + field,
                    "not an ISO-8601 date-time with a zone (e.g. 2026-11-23T08:15:30.123Z)"));
        }
        if (ms < MIN_EVENT_TIME_MS) {
            throw new RejectedException(Rejection.atField("$." + field, "before " + Instant.ofEpochMilli(MIN_EVENT_TIME_MS)));
        }
        if (ms >= MAX_EVENT_TIME_MS) {
            throw new RejectedException(Rejection.atField("$." + field,
                    "not before " + Instant.ofEpochMilli(MAX_EVENT_TIME_MS) + ", the latest time accepted"));
        }
        return ms;
    }

    private static final class RejectedException extends Exception {
        final Rejection rejection;

        RejectedException(Rejection rejection) {
            super(rejection.reason(), null, false, false);
            this.rejection = rejection;
        }
    }

    private static String str(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** An integer the contract allows but a 64-bit column cannot hold (1e300, 20 digits) is refused, not wrapped. */
    private static Long lng(JsonNode n, String field) throws RejectedException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToLong()) {
            throw outOfRange(field, "a 64-bit integer");
        }
        return v.asLong();
    }

    private static Integer integer(JsonNode n, String field) throws RejectedException {
        Long v = lng(n, field);
        if (v != null && v != v.intValue()) {
            throw outOfRange(field, "a 32-bit integer");
        }
        return v == null ? null : v.intValue();
    }

    private static Double dbl(JsonNode n, String field) throws RejectedException {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) {
            throw outOfRange(field, "a 64-bit floating-point number");
        }
        return d;
    }

    /** A calendar date (the contract checks its form) within the same years as date-times. */
    private static String date(JsonNode n, String field) throws RejectedException {
        String text = str(n, field);
        if (text == null) {
            return null;
        }
        int year;
        try {
            year = LocalDate.parse(text).getYear();
        } catch (DateTimeException e) {
            throw new RejectedException(Rejection.atField("$." + field, "not a date YYYY-MM-DD"));
        }
        if (year < 2000 || year >= 2100) {
            throw new RejectedException(Rejection.atField("$." + field, "outside the years 2000 to 2099"));
        }
        return text;
    }

    private static RejectedException outOfRange(String field, String what) {
        return new RejectedException(Rejection.atField("$." + field, "number out of range: does not fit " + what));
    }
}
