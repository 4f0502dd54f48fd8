package io.cxpulse.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.SourceRef;
import io.cxpulse.model.Topics;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid records of every input topic at random, as a broken or hostile producer would, and checks what must
 * hold for any input: the decoder never throws, decides the same way twice, returns exactly one of accepted and
 * rejected, gives every rejection a reason (and a field that is a JSON path when it names one), never repeats the
 * record's text in a reason, and accepts only what the job can store (a time in range, the payload as sent).
 *
 * <p>Seeded and reproducible: the seed is printed, and {@code -Dfuzz.seed=N} replays a run; {@code -Dfuzz.seconds}
 * (default 10) and {@code -Dfuzz.count} (default unbounded) bound it.
 */
class DecoderFuzzTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final long MAX_DECODE_NANOS = 5_000_000_000L;

    /** How a record is broken; each case applies one to four of them. */
    enum Mutation {
        REMOVE_FIELD, SWAP_TYPE, ODD_STRING, HUGE_STRING, DEEP_NESTING, ODD_NUMBER, ODD_TIME, ENUM_VALUE, NEW_FIELD,
        DUPLICATE_KEY, LONE_SURROGATE, FLIP_BITS, TRUNCATE, INSERT_BYTES, REPEAT_CHUNK
    }

    private final EventDecoder decoder = Records.defaultDecoder();

    @Test
    void anyMutationOfAValidRecordIsDecidedCleanly() {
        long seed = Long.getLong("fuzz.seed", new Random().nextLong());
        long seconds = Long.getLong("fuzz.seconds", 10);
        long count = Long.getLong("fuzz.count", Long.MAX_VALUE);
        System.out.printf("DecoderFuzzTest: -Dfuzz.seed=%d (for %d s, at most %d cases)%n", seed, seconds, count);

        Map<Mutation, Integer> used = new EnumMap<>(Mutation.class);
        int accepted = 0;
        long cases = 0;
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (cases < count && System.nanoTime() < deadline) {
            Random random = new Random(seed * 0x9E3779B97F4A7C15L + cases);
            String topic = Topics.INPUT_TOPICS.get(random.nextInt(Topics.INPUT_TOPICS.size()));
            List<Mutation> mutations = new ArrayList<>();
            byte[] record = mutate(topic, random, mutations);
            mutations.forEach(m -> used.merge(m, 1, Integer::sum));
            String where = "-Dfuzz.seed=" + seed + ", case " + cases + ", " + topic + " " + mutations + ", record (base64) "
                    + Base64.getEncoder().encodeToString(record);
            if (check(topic, record, where)) {
                accepted++;
            }
            cases++;
        }
        System.out.printf("DecoderFuzzTest: %d cases, %d accepted, mutations used %s%n", cases, accepted, used);
        assertThat(cases).as("cases run (a few hundred even on a loaded machine)").isGreaterThanOrEqualTo(Math.min(count, 200));
        assertThat(accepted).as("some mutated records are still valid").isPositive();
        assertThat(cases - accepted).as("most are not").isGreaterThan(cases / 2);
    }

    /** @return whether the record was accepted */
    private boolean check(String topic, byte[] record, String where) {
        SourceRef source = Records.at(topic);
        Decoded<?> first;
        Decoded<?> again;
        long start = System.nanoTime();
        try {
            first = Records.decode(decoder, source, record);
            again = Records.decode(decoder, source, record);
        } catch (Throwable t) {
            throw new AssertionError("decoder threw on " + where, t);
        }
        assertThat(System.nanoTime() - start).as("decode time of " + where).isLessThan(MAX_DECODE_NANOS);
        if ((first.value() == null) == (first.rejection() == null)) {
            fail("not exactly one of accepted and rejected: " + first + " for " + where);
        }
        assertThat(again).as("the same decision twice for " + where).isEqualTo(first);
        if (first.rejection() != null) {
            Rejection r = first.rejection();
            assertThat(r.reason()).as("reason for " + where).isNotBlank();
            if (r.field() != null) {
                assertThat(r.field()).as("field for " + where).startsWith("$");
                assertThat(r.reason()).as("reason for " + where).contains(r.field());
            }
            for (String word : Records.TEXT_WORDS) {
                for (int i = 0; i + Math.min(word.length(), 6) <= word.length(); i++) {
                    String piece = word.substring(i, i + Math.min(word.length(), 6));
                    assertThat(r.reason()).as("reason for " + where).doesNotContain(piece);
                }
            }
            return false;
        }
        String payload = new String(record, StandardCharsets.UTF_8);
        if (first.value() instanceof CxEvent e) {
            assertThat(e.eventId()).as("event_id of " + where).isNotEmpty();
            assertThat(e.eventTimeMs()).as("event time of " + where)
                    .isBetween(EventDecoder.MIN_EVENT_TIME_MS, EventDecoder.MAX_EVENT_TIME_MS - 1);
            assertThat(e.eventTimeMs() - source.kafkaTimestampMs()).as("skew of " + where).isLessThanOrEqualTo(3_600_000L);
            assertThat(e.payload()).as("payload of " + where).isEqualTo(payload);
            assertThat(e.text() == null ? "" : e.text()).as("text of " + where)
                    .isEqualTo(Records.tree(record).path("text").asText(""));
        } else {
            CustomerProfile p = (CustomerProfile) first.value();
            assertThat(p.customerId()).as("customer_id of " + where).isNotEmpty();
            assertThat(p.updatedAtMs()).as("updated_at of " + where)
                    .isBetween(EventDecoder.MIN_EVENT_TIME_MS, EventDecoder.MAX_EVENT_TIME_MS - 1);
        }
        return true;
    }

    private static byte[] mutate(String topic, Random random, List<Mutation> applied) {
        ObjectNode tree = random.nextBoolean() ? Records.full(topic) : Records.minimal(topic);
        byte[] bytes = null;
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            Mutation m = Mutation.values()[random.nextInt(Mutation.values().length)];
            if (bytes != null && m.ordinal() < Mutation.DUPLICATE_KEY.ordinal()) {
                continue; // tree mutations only before the record is bytes
            }
            applied.add(m);
            switch (m) {
                case REMOVE_FIELD -> tree.remove(randomField(tree, random));
                case SWAP_TYPE -> tree.set(randomField(tree, random), randomValue(random, 0));
                case ODD_STRING -> tree.put(randomField(tree, random), oddString(random, 1 + random.nextInt(40)));
                case HUGE_STRING -> tree.put(randomField(tree, random), oddString(random, 50_000 + random.nextInt(100_000)));
                case DEEP_NESTING -> tree.set(random.nextBoolean() ? randomField(tree, random) : "nested",
                        nested(random, 25 + random.nextInt(15)));
                case ODD_NUMBER -> tree.set(randomField(tree, random), oddNumber(random));
                case ODD_TIME -> tree.put(random.nextBoolean() ? "event_time" : "updated_at", oddTime(random));
                case ENUM_VALUE -> tree.put(pick(random, "action", "device", "channel", "status", "platform", "type", "tier"),
                        pick(random, "view", "VIEW", "opened ", "weibo", "call_abandoned", "vip", "teleport", "", "null"));
                case NEW_FIELD -> tree.set("x_" + random.nextInt(1000), randomValue(random, 0));
                case DUPLICATE_KEY -> bytes = duplicateKey(bytes(tree, bytes), tree, random);
                case LONE_SURROGATE -> bytes = insert(bytes(tree, bytes), random,
                        bytesOf(pick(random, "\\ud800", "\\udfff", "\\ud83d", "\\ude00\\ud83d")), true);
                case FLIP_BITS -> {
                    bytes = bytes(tree, bytes).clone();
                    for (int k = 0, flips = 1 + random.nextInt(5); k < flips && bytes.length > 0; k++) {
                        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case TRUNCATE -> {
                    byte[] b = bytes(tree, bytes);
                    bytes = Arrays.copyOf(b, random.nextInt(b.length + 1));
                }
                case INSERT_BYTES -> {
                    byte[] noise = new byte[1 + random.nextInt(8)];
                    random.nextBytes(noise);
                    bytes = insert(bytes(tree, bytes), random, random.nextBoolean() ? noise
                            : bytesOf(pick(random, "\"", "{", "}", "[", ",", ":", "\\", "\u0000", "\ufeff", "\u00e9")), false);
                }
                case REPEAT_CHUNK -> {
                    byte[] b = bytes(tree, bytes);
                    int from = random.nextInt(b.length + 1);
                    int to = Math.min(b.length, from + random.nextInt(64));
                    bytes = insert(b, random, Arrays.copyOfRange(b, from, to), false);
                }
            }
        }
        return bytes(tree, bytes);
    }

    private static byte[] bytes(ObjectNode tree, byte[] bytes) {
        return bytes != null ? bytes : Records.bytes(tree);
    }

    private static String randomField(ObjectNode tree, Random random) {
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "event_id" : names.get(random.nextInt(names.size()));
    }

    private static JsonNode randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 6 : 8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> oddNumber(random);
            case 4 -> NODES.textNode(oddString(random, random.nextInt(20)));
            case 5 -> NODES.textNode(Records.TEXT);
            case 6 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomValue(random, depth + 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.set("k" + i, randomValue(random, depth + 1));
                }
                yield o;
            }
        };
    }

    private static JsonNode oddNumber(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> NODES.numberNode(new BigDecimal("1e" + random.nextInt(Integer.MAX_VALUE)));
            case 1 -> NODES.numberNode(new BigDecimal("-1e-" + random.nextInt(Integer.MAX_VALUE)));
            case 2 -> NODES.numberNode(new BigInteger(64 + random.nextInt(140), random));
            case 3 -> NODES.numberNode(Long.MIN_VALUE);
            case 4 -> NODES.numberNode(-1);
            case 5 -> NODES.numberNode(new BigDecimal("3.0"));
            case 6 -> NODES.numberNode(random.nextDouble() * 20 - 5);
            default -> NODES.numberNode(0);
        };
    }

    private static final String[] PIECES = {
        "'", "\"", "\\", "'); DROP TABLE cxpulse.events; --", "\\N", "\u0000", "\u0007", "\u001f", "\t", "\n", "\r",
        "\u2028", "\u2029", "\u200b", "\u202e", "\ufeff", "\ufffd", "😡", "👍🏽", "𠀀", "漢字", "é", "a", "Z", "0", " ", "{", "]",
        "${jndi:x}", "%s", Records.TEXT
    };

    /** Printable, control, wide and combining characters, SQL and JSON syntax: never an unpaired surrogate. */
    private static String oddString(Random random, int length) {
        StringBuilder s = new StringBuilder(length + 40);
        while (s.length() < length) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return s.toString();
    }

    private static JsonNode nested(Random random, int depth) {
        JsonNode inner = NODES.textNode("deep");
        for (int i = 0; i < depth; i++) {
            inner = random.nextBoolean() ? NODES.arrayNode().add(inner) : NODES.objectNode().set("d", inner);
        }
        return inner;
    }

    private static String oddTime(Random random) {
        long ms = switch (random.nextInt(4)) {
            case 0 -> Records.KAFKA_TS + random.nextInt(7_200_000) - 3_600_000L;
            case 1 -> random.nextLong() % 4_200_000_000_000L;
            case 2 -> Instant.parse("2100-01-01T00:00:00Z").toEpochMilli() + random.nextInt(2_000) - 1_000;
            default -> Instant.parse("2000-01-01T00:00:00Z").toEpochMilli() + random.nextInt(2_000) - 1_000;
        };
        String iso = Instant.ofEpochMilli(ms).toString();
        return switch (random.nextInt(8)) {
            case 0 -> iso.replace("Z", "+14:00");
            case 1 -> iso.replace("Z", "");
            case 2 -> iso.replace("T", " ");
            case 3 -> pick(random, "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                    "2026-02-30T00:00:00Z", "2026-11-23T24:00:00Z", "yesterday", "", "1795421730000");
            default -> iso;
        };
    }

    private static byte[] duplicateKey(byte[] json, ObjectNode tree, Random random) {
        String field = randomField(tree, random);
        String s = new String(json, StandardCharsets.UTF_8);
        int close = s.lastIndexOf('}');
        if (close < 0) {
            return json;
        }
        String value = new String(Records.bytes(randomValue(random, 0)), StandardCharsets.UTF_8);
        return bytesOf(s.substring(0, close) + ",\"" + field + "\":" + value + s.substring(close));
    }

    /** @param inString put it right after an opening quote, so that escapes land inside a string */
    private static byte[] insert(byte[] b, Random random, byte[] piece, boolean inString) {
        int at = random.nextInt(b.length + 1);
        if (inString) {
            // after the next opening quote of a value (":"), from the random start on
            while (at + 1 < b.length && !(b[at] == ':' && b[at + 1] == '"')) {
                at++;
            }
            if (at + 1 >= b.length) {
                return b;
            }
            at += 2;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + piece.length);
        out.write(b, 0, at);
        out.write(piece, 0, piece.length);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    private static byte[] bytesOf(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... options) {
        return options[random.nextInt(options.length)];
    }
}
