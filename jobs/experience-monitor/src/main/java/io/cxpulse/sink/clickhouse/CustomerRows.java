package io.cxpulse.sink.clickhouse;

import static io.cxpulse.sink.clickhouse.RowEncoder.dateTime;
import static io.cxpulse.sink.clickhouse.RowEncoder.nullableNumber;
import static io.cxpulse.sink.clickhouse.RowEncoder.stringOrEmpty;

import com.fasterxml.jackson.core.JsonGenerator;
import io.cxpulse.model.CustomerProfile;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** {@code customers}: one row per profile version; the table keeps the latest by updated_at. */
public final class CustomerRows implements RowEncoder<CustomerProfile> {

    @Override
    public String table() {
        return "customers";
    }

    @Override
    public void write(CustomerProfile p, JsonGenerator j) throws IOException {
        j.writeStartObject();
        j.writeStringField("customer_id", p.customerId());
        j.writeStringField("updated_at", dateTime(p.updatedAtMs()));
        stringOrEmpty(j, "name", p.name());
        stringOrEmpty(j, "segment", p.segment());
        stringOrEmpty(j, "tier", p.tier());
        stringOrEmpty(j, "region", p.region());
        stringOrEmpty(j, "account_manager", p.accountManager());
        stringOrEmpty(j, "account_manager_email", p.accountManagerEmail());
        Map<String, String> handles = new TreeMap<>(p.handles());
        j.writeArrayFieldStart("handle_platforms");
        for (String platform : handles.keySet()) {
            j.writeString(platform);
        }
        j.writeEndArray();
        j.writeArrayFieldStart("handles");
        for (String handle : handles.values()) {
            j.writeString(handle);
        }
        j.writeEndArray();
        nullableNumber(j, "marketing_opt_in", p.marketingOptIn() == null ? null : (p.marketingOptIn() ? 1 : 0));
        nullableNumber(j, "lifetime_value", p.lifetimeValue());
        if (p.contractRenewalDate() == null) {
            j.writeNullField("contract_renewal_date");
        } else {
            j.writeStringField("contract_renewal_date", p.contractRenewalDate());
        }
        j.writeStringField("source_topic", p.source().topic());
        j.writeNumberField("source_partition", p.source().partition());
        j.writeNumberField("source_offset", p.source().offset());
        j.writeEndObject();
    }
}
