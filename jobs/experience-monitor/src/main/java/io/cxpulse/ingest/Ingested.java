package io.cxpulse.ingest;

import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.IngestError;

/** What the sources emit for each Kafka record: exactly one of the three is set. */
public record Ingested(CxEvent event, CustomerProfile profile, IngestError error) {

    public static Ingested event(CxEvent e) {
        return new Ingested(e, null, null);
    }

    public static Ingested profile(CustomerProfile p) {
        return new Ingested(null, p, null);
    }

    public static Ingested error(IngestError e) {
        return new Ingested(null, null, e);
    }
}
