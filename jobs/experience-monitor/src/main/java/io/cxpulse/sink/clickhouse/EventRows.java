package io.cxpulse.sink.clickhouse;

import static io.cxpulse.sink.clickhouse.RowEncoder.dateTime;
import static io.cxpulse.sink.clickhouse.RowEncoder.nullableNumber;
import static io.cxpulse.sink.clickhouse.RowEncoder.stringOrEmpty;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.model.CxEvent;
import java.io.IOException;

/** {@code events}: one row per accepted event. */
public final class EventRows implements RowEncoder<EnrichedEvent> {

    @Override
    public String table() {
        return "events";
    }

    @Override
    public void write(EnrichedEvent enriched, JsonGenerator j) throws IOException {
        CxEvent e = enriched.event();
        j.writeStartObject();
        j.writeStringField("event_id", e.eventId());
        j.writeStringField("event_type", e.type().wireName());
        stringOrEmpty(j, "kind", e.kind());
        stringOrEmpty(j, "customer_id", e.customerId());
        stringOrEmpty(j, "customer_source", enriched.customerSource());
        j.writeStringField("event_time", dateTime(e.eventTimeMs()));
        j.writeNumberField("event_time_ms", e.eventTimeMs());
        stringOrEmpty(j, "channel", e.channel());
        stringOrEmpty(j, "category", enriched.category());
        stringOrEmpty(j, "category_source", enriched.categorySource());
        stringOrEmpty(j, "case_id", e.caseId());
        stringOrEmpty(j, "text", e.text());
        nullableNumber(j, "severity", e.severity());
        nullableNumber(j, "duration_ms", e.durationMs());
        nullableNumber(j, "wait_ms", e.waitMs());
        nullableNumber(j, "handle_ms", e.handleMs());
        nullableNumber(j, "score", e.score());
        stringOrEmpty(j, "department", enriched.department());
        stringOrEmpty(j, "page", e.page());
        stringOrEmpty(j, "platform", e.platform());
        stringOrEmpty(j, "author_handle", e.authorHandle());
        nullableNumber(j, "author_followers", e.followers());
        nullableNumber(j, "likes", e.likes());
        nullableNumber(j, "shares", e.shares());
        nullableNumber(j, "sentiment", enriched.sentiment());
        nullableNumber(j, "sentiment_confidence", enriched.sentimentConfidence());
        stringOrEmpty(j, "language", enriched.language());
        stringOrEmpty(j, "model_version", enriched.modelVersion());
        j.writeNumberField("late", enriched.late() ? 1 : 0);
        j.writeStringField("source_topic", e.source().topic());
        j.writeNumberField("source_partition", e.source().partition());
        j.writeNumberField("source_offset", e.source().offset());
        j.writeStringField("ingested_at", dateTime(System.currentTimeMillis()));
        j.writeStringField("payload", e.payload());
        j.writeEndObject();
    }
}
