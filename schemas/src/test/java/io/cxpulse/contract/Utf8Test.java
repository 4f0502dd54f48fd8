package io.cxpulse.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void wellFormedTextOfEveryWidthPasses() {
        assertThat(Utf8.firstInvalidByte("ascii, é, 中文, 😀".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }

    @Test
    void findsTheFirstBadByte() {
        assertThat(Utf8.firstInvalidByte(new byte[] {'a', (byte) 0xC3})).isEqualTo(1); // truncated sequence
        assertThat(Utf8.firstInvalidByte(new byte[] {(byte) 0xC0, (byte) 0x80})).isEqualTo(0); // overlong NUL
        assertThat(Utf8.firstInvalidByte(new byte[] {'x', (byte) 0xED, (byte) 0xA0, (byte) 0x80})).isEqualTo(1); // surrogate
        assertThat(Utf8.firstInvalidByte(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isEqualTo(0);
        assertThat(Utf8.firstInvalidByte(new byte[] {'a', 'b', (byte) 0xFF})).isEqualTo(2);
    }
}
