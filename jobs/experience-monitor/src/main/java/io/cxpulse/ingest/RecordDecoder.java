package io.cxpulse.ingest;

import io.cxpulse.contract.Contracts;
import io.cxpulse.contract.Decoded;
import io.cxpulse.contract.EventDecoder;
import io.cxpulse.contract.Rejection;
import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.IngestError;
import io.cxpulse.model.SourceRef;
import io.cxpulse.model.Topics;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Decodes one raw record of any input topic into an {@link Ingested}; never throws for bad input, so one bad record
 * cannot stop the job. Shared by the Kafka source and by tests that feed records without Kafka.
 */
public final class RecordDecoder implements Serializable {

    private final int maxRecordBytes;
    private final long maxFutureSkewMs;
    private transient EventDecoder decoder;

    public RecordDecoder(int maxRecordBytes, long maxFutureSkewMs) {
        this.maxRecordBytes = maxRecordBytes;
        this.maxFutureSkewMs = maxFutureSkewMs;
    }

    public Ingested decode(SourceRef source, byte[] key, byte[] value) {
        if (decoder == null) {
            decoder = new EventDecoder(Contracts.load(), maxRecordBytes, maxFutureSkewMs);
        }
        if (Topics.CUSTOMERS.equals(source.topic())) {
            Decoded<CustomerProfile> d = decoder.decodeProfile(source, value);
            return d.isAccepted() ? Ingested.profile(d.value()) : Ingested.error(rejected(source, key, value, d.rejection()));
        }
        Decoded<CxEvent> d = decoder.decodeEvent(source, value);
        return d.isAccepted() ? Ingested.event(d.value()) : Ingested.error(rejected(source, key, value, d.rejection()));
    }

    /** Keeps the raw payload up to the documented limit, as text when it is UTF-8 and as base64 when it is not. */
    static IngestError rejected(SourceRef source, byte[] key, byte[] value, Rejection rejection) {
        byte[] raw = value == null ? new byte[0] : value;
        boolean truncated = raw.length > IngestError.PAYLOAD_LIMIT_BYTES;
        byte[] kept = truncated ? Arrays.copyOf(raw, IngestError.PAYLOAD_LIMIT_BYTES) : raw;
        String text = new String(kept, StandardCharsets.UTF_8);
        boolean utf8 = Arrays.equals(text.getBytes(StandardCharsets.UTF_8), kept);
        if (!utf8 && truncated) {
            // the cut may have split a multi-byte character; that alone does not make the payload binary
            String trimmed = text.replaceAll("\uFFFD+$", "");
            utf8 = !trimmed.contains("\uFFFD");
            text = trimmed;
        }
        String payload = utf8 ? text : Base64.getEncoder().encodeToString(kept);
        String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
        return new IngestError(source, keyText, rejection.reason(), rejection.field(), payload, utf8 ? "utf8" : "base64",
                raw.length, truncated);
    }
}
