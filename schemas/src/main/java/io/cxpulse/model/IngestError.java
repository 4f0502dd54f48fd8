package io.cxpulse.model;

/**
 * A record the job refused, with where it came from and why.
 *
 * @param reason  what was wrong, naming the field where there is one
 * @param field   JSON path of the offending field ({@code $.action}), or null when the record as a whole is at fault
 * @param payload the raw record, truncated to {@link #PAYLOAD_LIMIT_BYTES}; UTF-8 text, or base64 when the bytes are not UTF-8
 * @param payloadEncoding {@code utf8} or {@code base64}
 * @param payloadBytes the size of the whole raw record
 */
public record IngestError(
        SourceRef source,
        String key,
        String reason,
        String field,
        String payload,
        String payloadEncoding,
        int payloadBytes,
        boolean payloadTruncated) {

    /** Raw payloads are kept up to this many bytes in the dead letter and in {@code ingest_errors}. */
    public static final int PAYLOAD_LIMIT_BYTES = 16 * 1024;

    /** Deterministic: the same rejected record always gets the same id, so replays overwrite. */
    public String errorId() {
        return source.coordinates();
    }
}
