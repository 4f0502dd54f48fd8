package io.cxpulse.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.model.Topics;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Turns a valid event into a broken record of a given kind, the way buggy or legacy producers do. */
final class Malformer {

    private static final Map<String, List<String>> REQUIRED = Map.of(
            Topics.CLICKS, List.of("event_id", "event_time", "customer_id", "session_id", "page", "action"),
            Topics.COMPLAINTS, List.of("event_id", "event_time", "customer_id", "complaint_id", "channel", "status", "text"),
            Topics.SOCIAL_MENTIONS, List.of("event_id", "event_time", "platform", "author_handle", "author_followers", "text"),
            Topics.SERVICE_EVENTS, List.of("event_id", "event_time", "customer_id", "type"));

    private static final String[] BAD_TIMES = {"2026-11-23 08:15:30", "yesterday", "1732350930",
        "1970-01-01T00:00:00Z", "2026-13-45T25:61:00Z", "23/11/2026 16:15"};

    private final ObjectMapper mapper;

    Malformer(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    byte[] corrupt(String topic, ObjectNode event, MalformedKind kind, SplittableRandom rng) {
        switch (kind) {
            case NOT_JSON -> {
                String text = rng.nextBoolean()
                        ? "<html><head><title>502 Bad Gateway</title></head><body>upstream timed out</body></html>"
                        : "event_id=" + event.path("event_id").asText() + ";customer_id=" + event.path("customer_id").asText()
                                + ";topic=" + topic;
                return text.getBytes(StandardCharsets.UTF_8);
            }
            case TRUNCATED_JSON -> {
                byte[] whole = write(event);
                // any proper prefix of an object lacks its closing brace, so it can never parse
                int cut = whole.length / 2 + rng.nextInt(Math.max(1, whole.length / 2 - 1));
                return Arrays.copyOf(whole, Math.min(cut, whole.length - 1));
            }
            case MISSING_REQUIRED_FIELD -> {
                List<String> required = REQUIRED.get(topic);
                event.remove(required.get(rng.nextInt(required.size())));
                return write(event);
            }
            case WRONG_TYPE -> {
                if (rng.nextBoolean() && event.has("customer_id")) {
                    event.put("customer_id", 100_000 + rng.nextInt(900_000));
                } else {
                    switch (topic) {
                        case Topics.CLICKS -> event.put("duration_ms", "1.2s");
                        case Topics.COMPLAINTS -> event.put("severity", "high");
                        case Topics.SOCIAL_MENTIONS -> event.put("author_followers", "12k");
                        default -> event.put("wait_ms", "3 min");
                    }
                }
                return write(event);
            }
            case UNKNOWN_ENUM_VALUE -> {
                switch (topic) {
                    case Topics.CLICKS -> event.put("action", "swipe");
                    case Topics.COMPLAINTS -> event.put("status", "pending");
                    case Topics.SOCIAL_MENTIONS -> event.put("platform", "myspace");
                    default -> event.put("type", "call_transferred");
                }
                return write(event);
            }
            case BAD_EVENT_TIME -> {
                event.put("event_time", BAD_TIMES[rng.nextInt(BAD_TIMES.length)]);
                return write(event);
            }
            case NOT_UTF8 -> {
                return notUtf8(event);
            }
        }
        throw new IllegalStateException("unhandled kind " + kind);
    }

    /** A legacy producer writing GB18030 instead of UTF-8; where that happens to be valid UTF-8, a stray byte. */
    private byte[] notUtf8(ObjectNode event) {
        String json = new String(write(event), StandardCharsets.UTF_8);
        byte[] legacy = json.getBytes(Charset.forName("GB18030"));
        if (!isUtf8(legacy)) {
            return legacy;
        }
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        int at = json.indexOf("\"event_id\":\"") + "\"event_id\":\"".length();
        byte[] out = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, out, 0, at);
        out[at] = (byte) 0xFF;
        System.arraycopy(utf8, at, out, at + 1, utf8.length - at);
        return out;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private byte[] write(ObjectNode event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
