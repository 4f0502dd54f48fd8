package io.cxpulse.enrich.text;

import java.util.Arrays;

/**
 * Tells Chinese ({@code zh}), English ({@code en}) and anything else ({@code other}) apart, by script counts plus
 * a small function-word check for Latin-script text. One pass, no allocation, thread-safe.
 *
 * <p>Rules: Japanese kana or Korean hangul in quantity → {@code other}; Han characters that are not outweighed by
 * Latin letters (a Han character counts as four letters) → {@code zh}; otherwise Latin letters that dominate the
 * other letters and are not clearly French/Spanish/German/Italian/Portuguese/Dutch/Indonesian by their function
 * words → {@code en}; emoji-only, digits-only or empty text → {@code other}. Mixed "这个app太卡了" is {@code zh}.
 */
public final class LanguageDetector {

    public static final int ZH = 0;
    public static final int EN = 1;
    public static final int OTHER = 2;

    /** Language codes by {@link #ZH}, {@link #EN}, {@link #OTHER}. */
    private static final String[] CODES = {"zh", "en", "other"};

    private static final long[] EN_WORDS = hashes("the", "and", "is", "are", "was", "were", "to", "of", "it", "i",
            "you", "my", "this", "that", "not", "for", "with", "have", "has", "on", "in", "be", "me", "so", "but",
            "they", "we", "your", "no", "do", "don't", "can't", "what", "why", "how", "just", "at", "a", "an", "very",
            "been", "will", "get", "got", "all", "again", "still", "never");
    private static final long[] OTHER_WORDS = hashes("le", "la", "les", "des", "est", "et", "une", "pas", "je",
            "el", "los", "las", "que", "es", "y", "por", "una", "muy", "der", "die", "das", "und", "ist", "nicht",
            "ich", "sehr", "il", "di", "che", "non", "sono", "o", "os", "não", "de", "um", "het", "een", "niet",
            "yang", "dan", "tidak", "saya", "ini", "itu", "du", "mit", "para", "con");

    private LanguageDetector() {
    }

    public static String code(int language) {
        return CODES[language];
    }

    /** Detects the language of raw (not necessarily normalised) text. */
    public static String detect(CharSequence text) {
        return CODES[detectCode(text, 0, text.length())];
    }

    /** Same as {@link #detect(CharSequence)} on a char buffer (e.g. a normalised one). */
    public static int detectCode(char[] buf, int len) {
        return detect(null, buf, 0, len);
    }

    /** Detects the language of {@code text[from, to)} and returns {@link #ZH}, {@link #EN} or {@link #OTHER}. */
    public static int detectCode(CharSequence text, int from, int to) {
        return detect(text, null, from, to);
    }

    private static int detect(CharSequence text, char[] buf, int from, int to) {
        int han = 0;
        int kana = 0;
        int hangul = 0;
        int latin = 0;
        int otherLetters = 0;
        int enWords = 0;
        int otherWords = 0;
        long wordHash = 0;
        boolean inWord = false;
        for (int i = from; i <= to; i++) {
            char c = i < to ? TextNormalizer.fold(buf != null ? buf[i] : text.charAt(i)) : ' ';
            boolean latinLetter = (c >= 'a' && c <= 'z') || (c >= 0xC0 && c <= 0x24F && Character.isLetter(c));
            if (latinLetter || (inWord && c == '\'')) {
                if (latinLetter) {
                    latin++;
                }
                wordHash = inWord ? mix(wordHash, c) : mix(SEED, c);
                inWord = true;
                continue;
            }
            if (inWord) {
                if (Arrays.binarySearch(EN_WORDS, wordHash) >= 0) {
                    enWords++;
                } else if (Arrays.binarySearch(OTHER_WORDS, wordHash) >= 0) {
                    otherWords++;
                }
                inWord = false;
            }
            if (c < 0x2E80) {
                if (c >= 0x370 && Character.isLetter(c)) {
                    otherLetters++;
                }
            } else if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF)) {
                han++;
            } else if (c >= 0x3040 && c <= 0x30FF) {
                kana++;
            } else if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3130 && c <= 0x318F)) {
                hangul++;
            } else if (!Character.isSurrogate(c) && Character.isLetter(c)) {
                otherLetters++;
            }
        }
        if (kana >= 3 && kana * 5 > han) {
            return OTHER;
        }
        if (hangul >= 2 && hangul > han) {
            return OTHER;
        }
        if (han > 0 && (han * 4 >= latin || han >= 10) && han * 2 >= otherLetters) {
            return ZH;
        }
        if (latin >= 2 && latin >= otherLetters * 2) {
            if (otherWords >= 2 && otherWords > enWords) {
                return OTHER;
            }
            return EN;
        }
        return OTHER;
    }

    private static final long SEED = 0xcbf29ce484222325L;

    private static long mix(long h, char c) {
        return (h ^ c) * 0x100000001b3L;
    }

    private static long[] hashes(String... words) {
        long[] h = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            long x = SEED;
            for (int j = 0; j < words[i].length(); j++) {
                x = mix(x, words[i].charAt(j));
            }
            h[i] = x;
        }
        Arrays.sort(h);
        return h;
    }
}
