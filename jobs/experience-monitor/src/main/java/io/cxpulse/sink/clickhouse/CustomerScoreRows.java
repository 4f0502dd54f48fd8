package io.cxpulse.sink.clickhouse;

import static io.cxpulse.sink.clickhouse.RowEncoder.dateTime;
import static io.cxpulse.sink.clickhouse.RowEncoder.stringOrEmpty;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cxpulse.churn.CustomerScore;
import io.cxpulse.churn.Feature;
import java.io.IOException;

/** {@code customer_scores} (history) and {@code customer_scores_latest} (one row per customer) share their columns. */
public final class CustomerScoreRows implements RowEncoder<CustomerScore> {

    private final String table;

    public CustomerScoreRows(String table) {
        this.table = table;
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public void write(CustomerScore s, JsonGenerator j) throws IOException {
        j.writeStartObject();
        j.writeStringField("customer_id", s.customerId());
        j.writeStringField("score_time", dateTime(s.scoreTimeMs()));
        j.writeNumberField("score_time_ms", s.scoreTimeMs());
        j.writeNumberField("score_seq", s.scoreSeq());
        j.writeStringField("trigger", s.trigger());
        j.writeStringField("trigger_type", s.triggerType());
        j.writeNumberField("churn_risk", s.risk());
        j.writeStringField("risk_band", s.riskBand());
        j.writeStringField("status", s.status());
        j.writeNumberField("sentiment", s.sentiment());
        j.writeNumberField("sentiment_usual", s.sentimentUsual());
        j.writeNumberField("sentiment_trend", s.sentiment() - s.sentimentUsual());
        j.writeArrayFieldStart("reason_codes");
        for (String code : s.reasonCodes()) {
            j.writeString(code);
        }
        j.writeEndArray();
        j.writeArrayFieldStart("reason_contributions");
        for (float c : s.reasonContributions()) {
            j.writeNumber(c);
        }
        j.writeEndArray();
        j.writeStringField("explanation_en", s.explanationEn());
        j.writeStringField("explanation_zh", s.explanationZh());
        j.writeNumberField("open_complaints", s.openComplaints());
        j.writeNumberField("oldest_open_complaint_days", s.oldestOpenComplaintDays());
        j.writeNumberField("days_since_activity", s.daysSinceActivity());
        for (Feature f : Feature.values()) {
            j.writeNumberField("f_" + f.code(), s.features()[f.ordinal()]);
        }
        stringOrEmpty(j, "tier", s.tier());
        stringOrEmpty(j, "region", s.region());
        stringOrEmpty(j, "account_manager", s.accountManager());
        stringOrEmpty(j, "account_manager_email", s.accountManagerEmail());
        j.writeStringField("model_version", s.modelVersion());
        j.writeStringField("scored_at", dateTime(System.currentTimeMillis()));
        j.writeEndObject();
    }
}
