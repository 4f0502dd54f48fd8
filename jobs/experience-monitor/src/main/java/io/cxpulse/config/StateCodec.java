package io.cxpulse.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The compact encodings the job's hand-written state serializers are made of (see
 * {@code io.cxpulse.profile.CustomerStateSerializer},
 * {@code io.cxpulse.alerts.customer.CustomerAlertStateSerializer} and the event serializers of
 * {@code io.cxpulse.enrich.EventSerializers}):
 * <ul>
 *   <li>varint: unsigned LEB128, 7 bits a byte, low bits first, the high bit set on every byte but the last;</li>
 *   <li>{@code long}, {@code int}: zig-zag varint (0 is one byte, an epoch-millisecond time six);</li>
 *   <li>{@code float}: its 4 raw IEEE bytes (bit-exact: {@code -0.0f} and NaN payloads survive);</li>
 *   <li>size: varint of (size + 1), 0 is null;</li>
 *   <li>{@code String}: size of its UTF-8 bytes, then the bytes (any length, unlike {@code writeUTF});</li>
 *   <li>{@code String[]}, {@code long[]}: size, then the elements as above;</li>
 *   <li>a nullable object: one byte, 1 when present (its fields follow, written by the caller), 0 when null.</li>
 * </ul>
 * These bytes are in checkpoints and savepoints: changing any encoding here changes the stored format of every state
 * that uses it (their tests pin the bytes). Add a new method rather than change one.
 */
public final class StateCodec {

    private static final String[] NO_STRINGS = new String[0];
    private static final long[] NO_LONGS = new long[0];

    private StateCodec() {}

    // ---- varints ----

    /** Unsigned LEB128: 7 bits a byte, low bits first, the high bit set on every byte but the last. */
    public static void writeVarLong(DataOutputView out, long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            out.writeByte((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte((int) value);
    }

    public static long readVarLong(DataInputView in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.readByte();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("Malformed state: a varint longer than 10 bytes");
    }

    /** Zig-zag varint: small magnitudes, negative or not, take few bytes. */
    public static void writeLong(DataOutputView out, long value) throws IOException {
        writeVarLong(out, (value << 1) ^ (value >> 63));
    }

    public static long readLong(DataInputView in) throws IOException {
        long zigZag = readVarLong(in);
        return (zigZag >>> 1) ^ -(zigZag & 1);
    }

    /** As {@link #writeLong}: the same bytes as the same value written as a long. */
    public static void writeInt(DataOutputView out, int value) throws IOException {
        writeLong(out, value);
    }

    public static int readInt(DataInputView in) throws IOException {
        long value = readLong(in);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IOException("Malformed state: int " + value + " out of range");
        }
        return (int) value;
    }

    // ---- floats ----

    /** The 4 raw IEEE bytes (bit-exact). */
    public static void writeFloat(DataOutputView out, float value) throws IOException {
        out.writeInt(Float.floatToRawIntBits(value));
    }

    public static float readFloat(DataInputView in) throws IOException {
        return Float.intBitsToFloat(in.readInt());
    }

    /** The 8 raw IEEE bytes (bit-exact, unlike {@code writeDouble} of {@code DataOutput}, which folds NaNs). */
    public static void writeDouble(DataOutputView out, double value) throws IOException {
        out.writeLong(Double.doubleToRawLongBits(value));
    }

    public static double readDouble(DataInputView in) throws IOException {
        return Double.longBitsToDouble(in.readLong());
    }

    // ---- sizes and nulls ----

    /** The size of an array or string, or -1 for null: varint of (size + 1). */
    public static void writeSize(DataOutputView out, int size) throws IOException {
        if (size < -1) {
            throw new IllegalArgumentException("size " + size);
        }
        writeVarLong(out, size + 1L);
    }

    /** A size written by {@link #writeSize}: -1 is null. */
    public static int readSize(DataInputView in) throws IOException {
        long sizePlusOne = readVarLong(in);
        if (sizePlusOne < 0 || sizePlusOne > Integer.MAX_VALUE) {
            throw new IOException("Malformed state: size " + (sizePlusOne - 1));
        }
        return (int) sizePlusOne - 1;
    }

    /** Writes whether {@code value} is present (one byte) and returns it: when true, write its fields next. */
    public static boolean writePresence(DataOutputView out, Object value) throws IOException {
        boolean present = value != null;
        out.writeByte(present ? 1 : 0);
        return present;
    }

    /** Whether the object written by {@link #writePresence} is present (its fields follow) or null. */
    public static boolean readPresence(DataInputView in) throws IOException {
        byte b = in.readByte();
        if (b != 0 && b != 1) {
            throw new IOException("Malformed state: presence byte " + b);
        }
        return b == 1;
    }

    // ---- strings and arrays ----

    /** Size of the UTF-8 bytes (-1 for null), then the bytes. */
    public static void writeString(DataOutputView out, String value) throws IOException {
        if (value == null) {
            out.writeByte(0);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeVarLong(out, utf8.length + 1L);
        out.write(utf8);
    }

    public static String readString(DataInputView in) throws IOException {
        int length = readSize(in);
        if (length < 0) {
            return null;
        }
        if (length == 0) {
            return "";
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Size (-1 for null), then each element as {@link #writeString} (null elements allowed). */
    public static void writeStrings(DataOutputView out, String[] values) throws IOException {
        if (values == null) {
            out.writeByte(0);
            return;
        }
        writeVarLong(out, values.length + 1L);
        for (String v : values) {
            writeString(out, v);
        }
    }

    /** An array written by {@link #writeStrings}; an empty one is a shared instance. */
    public static String[] readStrings(DataInputView in) throws IOException {
        int length = readSize(in);
        if (length <= 0) {
            return length < 0 ? null : NO_STRINGS;
        }
        String[] values = new String[length];
        for (int i = 0; i < length; i++) {
            values[i] = readString(in);
        }
        return values;
    }

    /** Size (-1 for null), then each element as {@link #writeLong}. */
    public static void writeLongs(DataOutputView out, long[] values) throws IOException {
        if (values == null) {
            out.writeByte(0);
            return;
        }
        writeVarLong(out, values.length + 1L);
        for (long v : values) {
            writeLong(out, v);
        }
    }

    /** An array written by {@link #writeLongs}; an empty one is a shared instance. */
    public static long[] readLongs(DataInputView in) throws IOException {
        int length = readSize(in);
        if (length <= 0) {
            return length < 0 ? null : NO_LONGS;
        }
        long[] values = new long[length];
        for (int i = 0; i < length; i++) {
            values[i] = readLong(in);
        }
        return values;
    }
}
