package io.cxpulse.config;

import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Where the Kafka sources start on a start without state, and where they stop (null: never): the settings of
 * {@code --kafka-start-from} and {@code --kafka-stop-at}, validated.
 *
 * @param startFrom {@link #COMMITTED}, {@link #EARLIEST}, {@link #LATEST} or an ISO-8601 instant
 * @param stopAt    null or an ISO-8601 instant: event records with a Kafka timestamp at or after it are skipped
 */
public record KafkaRange(String startFrom, String stopAt) implements Serializable {

    public static final String COMMITTED = "committed";
    public static final String EARLIEST = "earliest";
    public static final String LATEST = "latest";

    /** Validates both settings together; the message names the flag at fault. */
    public static KafkaRange parse(String startFrom, String stopAt) {
        String start = startFrom == null ? COMMITTED : startFrom.strip().toLowerCase(Locale.ROOT);
        if (!start.equals(COMMITTED) && !start.equals(EARLIEST) && !start.equals(LATEST)) {
            start = instant("--kafka-start-from", startFrom, "committed, earliest, latest").toString();
        }
        String stop = stopAt == null ? null : instant("--kafka-stop-at", stopAt, null).toString();
        KafkaRange range = new KafkaRange(start, stop);
        if (range.startMs() != null && range.stopMs() != null && range.stopMs() <= range.startMs()) {
            throw new ConfigException("--kafka-stop-at " + stop + " must be after --kafka-start-from " + start);
        }
        return range;
    }

    /** The start as epoch millis when it is a time, else null. */
    public Long startMs() {
        return isTime(startFrom) ? Instant.parse(startFrom).toEpochMilli() : null;
    }

    /** The stop as epoch millis, or null: no stop. */
    public Long stopMs() {
        return stopAt == null ? null : Instant.parse(stopAt).toEpochMilli();
    }

    private static boolean isTime(String s) {
        return s != null && !s.equals(COMMITTED) && !s.equals(EARLIEST) && !s.equals(LATEST);
    }

    private static Instant instant(String flag, String value, String words) {
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ConfigException(flag + ": '" + value + "' is " + (words == null ? "not" : "neither " + words + " nor")
                    + " an ISO-8601 time such as 2026-12-01T08:00:00Z");
        }
    }
}
