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
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns the raw bytes of an input record into a {@link CxEvent} or {@link CustomerProfile}, or a {@link Rejection}
 * that says precisely what is wrong. Parses once: the same tree is validated against the contract and mapped.
 *
 * <p>Not thread-safe to share across tasks only in the sense that it holds compiled schemas; each task makes its own.
 */
public final class EventDecoder {

    /** Nesting deeper than any contract needs: deeper input is hostile or broken. */
    public static final int MAX_NESTING_DEPTH = 32;

    /** Earliest event time accepted; older ones are clock or unit errors (seconds sent as ms, say). */
    public static final long MIN_EVENT_TIME_MS = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();

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
        JsonNode n = parsed.tree;
        long eventTime;
        try {
            eventTime = parseTime(n, "event_time");
        } catch (RejectedException e) {
            return Decoded.rejected(e.rejection);
        }
        if (eventTime < MIN_EVENT_TIME_MS) {
            return Decoded.rejected(Rejection.atField("$.event_time", "'" + n.get("event_time").asText()
                    + "' is before 2000-01-01T00:00:00Z"));
        }
        if (source.kafkaTimestampMs() > 0 && eventTime - source.kafkaTimestampMs() > maxFutureSkewMs) {
            return Decoded.rejected(Rejection.atField("$.event_time", "'" + n.get("event_time").asText()
                    + "' is " + (eventTime - source.kafkaTimestampMs()) / 1000 + " s ahead of the record's Kafka timestamp"
                    + " (limit " + maxFutureSkewMs / 1000 + " s)"));
        }
        String payload = new String(value, StandardCharsets.UTF_8);
        return Decoded.accepted(switch (type) {
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
        });
    }

    public Decoded<CustomerProfile> decodeProfile(SourceRef source, byte[] value) {
        if (!Topics.CUSTOMERS.equals(source.topic())) {
            return Decoded.rejected(Rejection.of("topic '" + source.topic() + "' carries no profiles"));
        }
        Parsed parsed = parse(source, value);
        if (parsed.rejection != null) {
            return Decoded.rejected(parsed.rejection);
        }
        JsonNode n = parsed.tree;
        long updatedAt;
        try {
            updatedAt = parseTime(n, "updated_at");
        } catch (RejectedException e) {
            return Decoded.rejected(e.rejection);
        }
        Map<String, String> handles = new LinkedHashMap<>();
        JsonNode h = n.get("handles");
        if (h != null && h.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                handles.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode optIn = n.get("marketing_opt_in");
        return Decoded.accepted(new CustomerProfile(str(n, "customer_id"), updatedAt, str(n, "name"), str(n, "segment"),
                str(n, "tier"), str(n, "region"), str(n, "account_manager"), str(n, "account_manager_email"),
                Map.copyOf(handles), optIn == null || optIn.isNull() ? null : optIn.asBoolean(), dbl(n, "lifetime_value"),
                str(n, "contract_renewal_date"), source));
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

    /** Jackson's message without the source excerpt, which would echo the payload (personal data) into logs. */
    private static String describe(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (e.getLocation() != null) {
            message += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        }
        return message;
    }

    private static String fieldOf(ValidationMessage m) {
        String location = m.getInstanceLocation().toString();
        if ("required".equals(m.getType()) && m.getProperty() != null) {
            return "$".equals(location) ? "$." + m.getProperty() : location + "." + m.getProperty();
        }
        return location;
    }

    private static long parseTime(JsonNode n, String field) throws RejectedException {
        String text = n.get(field).asText();
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw new RejectedException(Rejection.atField("$." + field, "'" + abbreviate(text)
                    + "' is not an ISO-8601 date-time with a zone (e.g. 2026-11-23T08:15:30.123Z)"));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
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

    private static Long lng(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asLong();
    }

    private static Integer integer(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asInt();
    }

    private static Double dbl(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }
}
