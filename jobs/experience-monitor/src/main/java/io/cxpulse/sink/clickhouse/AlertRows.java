package io.cxpulse.sink.clickhouse;

import static io.cxpulse.sink.clickhouse.RowEncoder.dateTime;
import static io.cxpulse.sink.clickhouse.RowEncoder.stringOrEmpty;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cxpulse.alerts.Alert;
import java.io.IOException;

/** {@code alerts}: one row per transition, the latest revision of each alert_id wins. */
public final class AlertRows implements RowEncoder<Alert> {

    @Override
    public String table() {
        return "alerts";
    }

    @Override
    public void write(Alert a, JsonGenerator j) throws IOException {
        j.writeStartObject();
        j.writeStringField("alert_id", a.alertId());
        j.writeNumberField("revision", a.revision());
        j.writeStringField("kind", a.kind());
        j.writeStringField("severity", a.severity());
        j.writeStringField("status", a.status());
        j.writeStringField("scope_type", a.scopeType());
        stringOrEmpty(j, "scope", a.scope());
        stringOrEmpty(j, "customer_id", a.customerId());
        stringOrEmpty(j, "category", a.category());
        stringOrEmpty(j, "channel", a.channel());
        stringOrEmpty(j, "region", a.region());
        stringOrEmpty(j, "route_team", a.routeTeam());
        stringOrEmpty(j, "account_manager", a.accountManager());
        stringOrEmpty(j, "account_manager_email", a.accountManagerEmail());
        stringOrEmpty(j, "reason_en", a.reasonEn());
        stringOrEmpty(j, "reason_zh", a.reasonZh());
        j.writeArrayFieldStart("evidence_event_ids");
        for (String id : a.evidenceEventIds()) {
            j.writeString(id);
        }
        j.writeEndArray();
        j.writeArrayFieldStart("figure_names");
        for (String name : a.figureNames()) {
            j.writeString(name);
        }
        j.writeEndArray();
        j.writeArrayFieldStart("figure_values");
        for (double v : a.figureValues()) {
            // JSON has no NaN or infinity; an undefined figure is stored as 0 rather than failing the batch
            j.writeNumber(Double.isFinite(v) ? v : 0);
        }
        j.writeEndArray();
        j.writeStringField("opened_at", dateTime(a.openedAtMs()));
        j.writeNumberField("opened_at_ms", a.openedAtMs());
        j.writeStringField("event_time", dateTime(a.eventTimeMs()));
        j.writeNumberField("event_time_ms", a.eventTimeMs());
        j.writeStringField("processed_at", dateTime(a.processedAtMs()));
        j.writeNumberField("processed_at_ms", a.processedAtMs());
        j.writeStringField("written_at", dateTime(System.currentTimeMillis()));
        j.writeEndObject();
    }
}
