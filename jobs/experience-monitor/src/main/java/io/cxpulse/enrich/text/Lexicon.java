package io.cxpulse.enrich.text;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A valence lexicon (token → valence on VADER's -4..+4 scale) keyed by the 64-bit hash of the normalised token
 * ({@link SentimentFeatures#key}), in an open-addressing table: look-ups hash chars in place and never allocate.
 * Entries with valence 0 are kept: in Chinese they block a longer word from being read as a shorter sentiment word
 * (e.g. 快递 "courier" is not 快 "fast").
 */
public final class Lexicon implements Serializable {

    private static final long serialVersionUID = 1L;

    private final long[] keys;
    private final float[] values;
    private final int mask;
    private final int size;
    private final int maxHanLength;

    private Lexicon(long[] keys, float[] values, int size, int maxHanLength) {
        this.keys = keys;
        this.values = values;
        this.mask = keys.length - 1;
        this.size = size;
        this.maxHanLength = maxHanLength;
    }

    /** Builds a lexicon from tokens (normalised here) and valences; later entries win. */
    public static Lexicon of(Map<String, Float> entries) {
        Map<Long, Float> byKey = new TreeMap<>();
        int maxHan = 1;
        for (Map.Entry<String, Float> e : entries.entrySet()) {
            String token = TextNormalizer.normalize(e.getKey());
            if (token.isEmpty()) {
                continue;
            }
            byKey.put(SentimentFeatures.key(token), e.getValue());
            if (SentimentFeatures.isHan(token.charAt(0))) {
                maxHan = Math.max(maxHan, token.length());
            }
        }
        return fromKeys(byKey, Math.min(maxHan, 8));
    }

    private static Lexicon fromKeys(Map<Long, Float> byKey, int maxHan) {
        int cap = Integer.highestOneBit(Math.max(16, byKey.size() * 2 - 1)) << 1;
        long[] keys = new long[cap];
        float[] values = new float[cap];
        for (Map.Entry<Long, Float> e : byKey.entrySet()) {
            long k = nonZero(e.getKey());
            int i = slot(k, cap - 1);
            while (keys[i] != 0 && keys[i] != k) {
                i = (i + 1) & (cap - 1);
            }
            keys[i] = k;
            values[i] = e.getValue();
        }
        return new Lexicon(keys, values, byKey.size(), maxHan);
    }

    /** The valence of the token with this key, or NaN when absent. */
    public float get(long key) {
        long k = nonZero(key);
        int i = slot(k, mask);
        while (true) {
            long at = keys[i];
            if (at == k) {
                return values[i];
            }
            if (at == 0) {
                return Float.NaN;
            }
            i = (i + 1) & mask;
        }
    }

    public int size() {
        return size;
    }

    /** Longest Han entry, in chars (bounds the forward maximum matching). */
    public int maxHanLength() {
        return maxHanLength;
    }

    void write(DataOutput out) throws IOException {
        out.writeInt(size);
        out.writeInt(maxHanLength);
        // sorted by key: deterministic bytes
        TreeMap<Long, Float> sorted = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                sorted.put(keys[i], values[i]);
            }
        }
        for (Map.Entry<Long, Float> e : sorted.entrySet()) {
            out.writeLong(e.getKey());
            out.writeFloat(e.getValue());
        }
    }

    static Lexicon read(DataInput in) throws IOException {
        int n = in.readInt();
        int maxHan = in.readInt();
        if (n < 0 || n > 10_000_000) {
            throw new IOException("corrupt lexicon size " + n);
        }
        Map<Long, Float> byKey = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            byKey.put(in.readLong(), in.readFloat());
        }
        return fromKeys(byKey, maxHan);
    }

    private static long nonZero(long k) {
        return k == 0 ? 1 : k;
    }

    private static int slot(long k, int mask) {
        return (int) (k ^ (k >>> 29) ^ (k >>> 47)) & mask;
    }
}
