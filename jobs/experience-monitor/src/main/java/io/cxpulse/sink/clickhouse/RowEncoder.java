package io.cxpulse.sink.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Writes one value as one JSONEachRow object whose keys are the table's columns. */
public interface RowEncoder<T> extends Serializable {

    /** The table the rows go to, without database. */
    String table();

    void write(T value, JsonGenerator json) throws IOException;

    /** DateTime as text in UTC: the one form 18.16 and current servers parse the same way whatever their time zone. */
    DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    static String dateTime(long epochMs) {
        return DATE_TIME.format(Instant.ofEpochMilli(Math.max(0, epochMs)));
    }

    static void stringOrEmpty(JsonGenerator json, String field, String value) throws IOException {
        json.writeStringField(field, value == null ? "" : value);
    }

    static void nullableNumber(JsonGenerator json, String field, Number value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else if (value instanceof Double || value instanceof Float) {
            json.writeNumberField(field, value.doubleValue());
        } else {
            json.writeNumberField(field, value.longValue());
        }
    }
}
