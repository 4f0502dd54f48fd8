package io.cxpulse.enrich.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Folds text into the one form that the sentiment model, the language detector and the complaint classifier see.
 *
 * <p>Per UTF-16 unit, through one precomputed 64K-entry table (built once per JVM, about 128 KB):
 * <ul>
 *   <li>NFKC where it maps one unit to one unit: full-width ASCII to half-width ({@code ＡＢＣ１２３！} → {@code abc123!}),
 *       half-width katakana to full-width, compatibility ideographs to unified ones, ideographic space to space;</li>
 *   <li>lower case;</li>
 *   <li>Traditional → Simplified Chinese, character by character, from {@code /cxpulse/text/t2s.txt}
 *       (about 3,000 pairs from OpenCC's TSCharacters + TW/HK variant tables, Apache-2.0);</li>
 *   <li>CJK punctuation to ASCII ({@code 。} → {@code .}, {@code 、} → {@code ,}, corner brackets → {@code "});</li>
 *   <li>zero-width characters, variation selectors and the BOM are dropped; controls and all whitespace runs become
 *       one space.</li>
 * </ul>
 * Surrogate pairs (emoji and other supplementary characters) are copied unchanged.
 *
 * <p>{@link #normalize(CharSequence, char[])} does not allocate; the class is stateless and thread-safe.
 */
public final class TextNormalizer {

    /** Marker in the table: drop this unit. */
    private static final char DROP = '\uFFFF';
    private static final char[] FOLD = buildTable();

    private TextNormalizer() {
    }

    /** The folded form of one UTF-16 unit; {@code '\uFFFF'} means "drop". Surrogates map to themselves. */
    public static char fold(char c) {
        return FOLD[c];
    }

    /**
     * Normalises {@code in} into {@code out}, stopping when {@code out} is full (the text is then truncated).
     * Leading whitespace is skipped and whitespace runs collapse to one space; a trailing space may remain.
     *
     * @return the number of chars written to {@code out}
     */
    public static int normalize(CharSequence in, char[] out) {
        int n = 0;
        int cap = out.length;
        boolean lastSpace = true;
        int len = in.length();
        for (int i = 0; i < len && n < cap; i++) {
            char c = FOLD[in.charAt(i)];
            if (c == DROP) {
                continue;
            }
            if (c == ' ') {
                if (!lastSpace) {
                    out[n++] = ' ';
                    lastSpace = true;
                }
                continue;
            }
            if (Character.isHighSurrogate(c)) {
                if (n + 1 >= cap) {
                    break; // do not split a pair
                }
                out[n++] = c;
                if (i + 1 < len && Character.isLowSurrogate(in.charAt(i + 1))) {
                    out[n++] = in.charAt(++i);
                }
                lastSpace = false;
                continue;
            }
            out[n++] = c;
            lastSpace = false;
        }
        return n;
    }

    /** Convenience form that allocates: the whole text normalised, trailing space trimmed. */
    public static String normalize(CharSequence in) {
        char[] buf = new char[in.length()];
        int n = normalize(in, buf);
        while (n > 0 && buf[n - 1] == ' ') {
            n--;
        }
        return new String(buf, 0, n);
    }

    private static char[] buildTable() {
        char[] t = new char[65536];
        char[] one = new char[1];
        for (int i = 0; i < 65536; i++) {
            char c = (char) i;
            if (Character.isSurrogate(c)) {
                t[i] = c;
                continue;
            }
            char f = c;
            if (c >= 0x80) {
                one[0] = c;
                String s = Normalizer.normalize(new String(one), Normalizer.Form.NFKC);
                if (s.length() == 1) {
                    f = s.charAt(0);
                }
            }
            f = Character.toLowerCase(f);
            if (Character.isWhitespace(f) || Character.isSpaceChar(f) || Character.isISOControl(f)) {
                f = ' ';
            }
            t[i] = f;
        }
        // CJK punctuation → ASCII
        t['。'] = '.';
        t['｡'] = '.';
        t['、'] = ',';
        t['､'] = ',';
        t['「'] = '"';
        t['」'] = '"';
        t['『'] = '"';
        t['』'] = '"';
        t['“'] = '"';
        t['”'] = '"';
        t['‘'] = '\'';
        t['’'] = '\'';
        t['【'] = '[';
        t['】'] = ']';
        t['《'] = '"';
        t['》'] = '"';
        t['…'] = '.';
        t['—'] = '-';
        t['–'] = '-';
        // dropped: zero-width, BOM, variation selectors, soft hyphen
        for (char c : new char[] {'\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD'}) {
            t[c] = DROP;
        }
        for (int c = 0xFE00; c <= 0xFE0F; c++) {
            t[c] = DROP;
        }
        t[DROP] = DROP;
        loadT2s(t);
        return t;
    }

    private static void loadT2s(char[] t) {
        try (InputStream in = TextNormalizer.class.getResourceAsStream("/cxpulse/text/t2s.txt")) {
            if (in == null) {
                throw new IllegalStateException("resource /cxpulse/text/t2s.txt is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.length() != 2 || line.charAt(0) == '#') {
                    continue;
                }
                char trad = line.charAt(0);
                char simp = line.charAt(1);
                t[trad] = simp;
                // compatibility forms that NFKC folded onto the traditional character follow it
                for (int i = 0xF900; i <= 0xFAFF; i++) {
                    if (t[i] == trad) {
                        t[i] = simp;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
