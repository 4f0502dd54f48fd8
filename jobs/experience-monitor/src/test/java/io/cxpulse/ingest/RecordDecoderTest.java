package io.cxpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.model.IngestError;
import io.cxpulse.model.SourceRef;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

    private final RecordDecoder decoder = new RecordDecoder(1 << 20, 3_600_000L);
    private final SourceRef source = new SourceRef("cx.complaints", 3, 77, 1_795_000_000_000L);

    @Test
    void aRejectedRecordKeepsItsCoordinatesKeyAndPayload() {
        Ingested in = decoder.decode(source, "c9".getBytes(StandardCharsets.UTF_8), "{broken".getBytes(StandardCharsets.UTF_8));
        IngestError e = in.error();
        assertThat(in.event()).isNull();
        assertThat(e.errorId()).isEqualTo("cx.complaints/3@77");
        assertThat(e.key()).isEqualTo("c9");
        assertThat(e.payload()).isEqualTo("{broken");
        assertThat(e.payloadEncoding()).isEqualTo("utf8");
        assertThat(e.payloadBytes()).isEqualTo(7);
        assertThat(e.payloadTruncated()).isFalse();
    }

    @Test
    void binaryPayloadsAreKeptAsBase64() {
        byte[] raw = {(byte) 0xFF, (byte) 0xFE, '{', '}'};
        IngestError e = decoder.decode(source, null, raw).error();
        assertThat(e.payloadEncoding()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(e.payload())).isEqualTo(raw);
        assertThat(e.reason()).startsWith("not valid UTF-8");
    }

    @Test
    void hugePayloadsAreTruncatedAtTheDocumentedLimitWithoutSplittingACharacter() {
        String big = "{\"text\":\"" + "投诉".repeat(10_000) + "\"";
        IngestError e = decoder.decode(source, null, big.getBytes(StandardCharsets.UTF_8)).error();
        assertThat(e.payloadTruncated()).isTrue();
        assertThat(e.payloadEncoding()).isEqualTo("utf8");
        assertThat(e.payload().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(IngestError.PAYLOAD_LIMIT_BYTES);
        assertThat(e.payload()).doesNotContain("\uFFFD");
        assertThat(e.payloadBytes()).isEqualTo(big.getBytes(StandardCharsets.UTF_8).length);
    }
}
