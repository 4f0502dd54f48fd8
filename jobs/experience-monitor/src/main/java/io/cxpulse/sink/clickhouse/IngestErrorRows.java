package io.cxpulse.sink.clickhouse;

import static io.cxpulse.sink.clickhouse.RowEncoder.dateTime;
import static io.cxpulse.sink.clickhouse.RowEncoder.stringOrEmpty;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cxpulse.model.IngestError;
import java.io.IOException;

/** {@code ingest_errors}: one row per rejected record. */
public final class IngestErrorRows implements RowEncoder<IngestError> {

    @Override
    public String table() {
        return "ingest_errors";
    }

    @Override
    public void write(IngestError e, JsonGenerator j) throws IOException {
        j.writeStartObject();
        j.writeStringField("error_id", e.errorId());
        j.writeStringField("source_topic", e.source().topic());
        j.writeNumberField("source_partition", e.source().partition());
        j.writeNumberField("source_offset", e.source().offset());
        j.writeStringField("kafka_timestamp", dateTime(e.source().kafkaTimestampMs()));
        stringOrEmpty(j, "record_key", e.key());
        j.writeStringField("reason", e.reason());
        stringOrEmpty(j, "field", e.field());
        j.writeStringField("payload", e.payload());
        j.writeStringField("payload_encoding", e.payloadEncoding());
        j.writeNumberField("payload_bytes", e.payloadBytes());
        j.writeNumberField("payload_truncated", e.payloadTruncated() ? 1 : 0);
        j.writeStringField("rejected_at", dateTime(System.currentTimeMillis()));
        j.writeEndObject();
    }
}
