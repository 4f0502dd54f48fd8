package io.cxpulse.enrich.text;

/**
 * Feature extraction shared by the scorer ({@link SentimentModel}) and the offline trainer, so that both see exactly
 * the same features. Input is text already folded by {@link TextNormalizer}. No allocation: hashed feature indices go
 * into a caller-provided {@code int[]}, the dense lexicon features into a {@code float[]}.
 *
 * <p>Features (feature format 1; changing anything here needs a new {@link SentimentModel#FORMAT}):
 * <ul>
 *   <li>Han runs: character 1-, 2- and 3-grams; a "negated" variant of the unigram for the 3 characters after a
 *       negator (不 没 无 未 别 非 莫 勿, except in 不过 不仅 非常 无论 别人 …);</li>
 *   <li>Latin words (letters, digits, inner apostrophes): the word, the word bigram, character 3–5-grams of
 *       {@code <word>}; words within 3 of a negator (not, no, never, n't, without, …, reset at punctuation) use a
 *       negated namespace for the word feature;</li>
 *   <li>emoji and other symbols: the code point; emoticons such as {@code :)} {@code :-(} when the lexicon knows
 *       them; {@code !} and {@code ?};</li>
 *   <li>one bias feature per script present (Han, Latin);</li>
 *   <li>dense: from the lexicon, VADER-style: valences of matched tokens (Chinese by forward maximum matching),
 *       flipped and damped by negation (×-0.74), raised by boosters (very, 很, 太, 非常, …), halved before and
 *       raised after "but"/但是/不过; {@code d0 = S/sqrt(S²+15)} and {@code d1 = (pos-neg)/(pos+neg)}.</li>
 * </ul>
 */
public final class SentimentFeatures {

    /** Number of dense features. */
    public static final int N_DENSE = 2;

    static final long SEED = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private static final int NS_HAN1 = 1;
    private static final int NS_HAN2 = 2;
    private static final int NS_HAN3 = 3;
    private static final int NS_HANNEG = 4;
    private static final int NS_WORD = 5;
    private static final int NS_WORDNEG = 6;
    private static final int NS_BIGRAM = 7;
    private static final int NS_CHARNG = 8;
    private static final int NS_EMOJI = 9;
    private static final int NS_PUNCT = 10;
    private static final int NS_SCRIPT = 11;
    private static final int NS_EMOTICON = 12;

    private static final float NEGATION = -0.74f;
    private static final float BOOST = 0.293f;

    private static final long[] EN_NEGATORS = sortedKeys("not", "no", "never", "nothing", "nobody", "none",
            "neither", "nor", "without", "cannot", "cant", "dont", "didnt", "doesnt", "isnt", "wasnt", "wont",
            "wouldnt", "shouldnt", "couldnt", "aint", "arent", "havent", "hasnt", "hadnt", "werent", "nowhere",
            "hardly", "barely", "rarely", "seldom", "lack", "lacks", "lacking", "lacked", "nope", "nah", "neva");
    private static final long[] EN_BOOSTERS = sortedKeys("very", "so", "really", "extremely", "absolutely",
            "totally", "completely", "incredibly", "super", "too", "truly", "highly", "utterly", "especially",
            "most", "more", "quite", "such", "fucking", "freaking", "damn", "awfully", "terribly", "seriously",
            "deeply", "hugely", "insanely", "ridiculously", "way", "sooo", "soooo", "literally");
    private static final long[] EN_BUT = sortedKeys("but", "however", "though", "yet");

    private SentimentFeatures() {
    }

    /** Upper bound of the number of hashed features for a text of {@code len} chars. */
    public static int maxFeatures(int len) {
        return len * 6 + 16;
    }

    /** The 64-bit key of a normalised token (FNV-1a over UTF-16 units). */
    public static long key(CharSequence token) {
        long h = SEED;
        for (int i = 0; i < token.length(); i++) {
            h = (h ^ token.charAt(i)) * PRIME;
        }
        return h;
    }

    public static boolean isHan(char c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
    }

    private static boolean isWordChar(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
        }
        return !isHan(c) && !Character.isSurrogate(c) && Character.isLetterOrDigit(c);
    }

    private static boolean isZhNegator(char c) {
        return c == '不' || c == '没' || c == '无' || c == '未' || c == '别' || c == '非' || c == '莫' || c == '勿'
                || c == '甭' || c == '毫';
    }

    /** Negator followed by this char is not a negation (不过 不仅 不但 不管 不少 非常 无论 别人 别的 无敌 没准). */
    private static boolean isZhNegatorException(char neg, char next) {
        switch (neg) {
            case '不':
                return next == '过' || next == '仅' || next == '但' || next == '管' || next == '少' || next == '久'
                        || next == '断' || next == '停' || next == '知';
            case '非':
                return next == '常';
            case '无':
                return next == '论' || next == '敌' || next == '比' || next == '限';
            case '别':
                return next == '人' || next == '的' || next == '家' || next == '墅';
            case '没':
                return next == '准';
            case '毫':
                return next != '无' && next != '不';
            default:
                return false;
        }
    }

    private static boolean isZhFiller(char c) {
        return c == '太' || c == '很' || c == '够' || c == '是' || c == '大' || c == '怎' || c == '么' || c == '那'
                || c == '这' || c == '算' || c == '再' || c == '也' || c == '都' || c == '有' || c == '特' || c == '别'
                || c == '十' || c == '分' || c == '够' || c == '会' || c == '能' || c == '觉' || c == '得';
    }

    private static boolean isZhBooster(char c) {
        return c == '很' || c == '太' || c == '超' || c == '真' || c == '挺' || c == '蛮' || c == '极' || c == '最'
                || c == '更' || c == '巨' || c == '特' || c == '常' || c == '分' || c == '级' || c == '贼' || c == '好';
    }

    private static boolean isZhBut(char[] t, int k, int end) {
        char c = t[k];
        if (c == '但') {
            return true;
        }
        if (k + 1 >= end) {
            return false;
        }
        char d = t[k + 1];
        return (c == '不' && d == '过') || (c == '可' && (d == '是' || d == '惜')) || (c == '然' && d == '而')
                || (c == '只' && d == '是');
    }

    /**
     * Extracts the features of {@code t[0, len)} (normalised text).
     *
     * @param idx   receives hashed feature indices in {@code [0, 2^hashBits)}; capacity {@link #maxFeatures}(len)
     * @param dense receives {@link #N_DENSE} dense features
     * @param stats receives {@code [0]} evidence units (words + Han chars + emoji) and {@code [1]} lexicon hits
     * @return the number of hashed features written
     */
    public static int extract(char[] t, int len, int hashBits, Lexicon lex, int[] idx, float[] dense, int[] stats) {
        final int shift = 64 - hashBits;
        int n = 0;
        int units = 0;
        dense[0] = 0f; // positive valence, then the first prior feature
        dense[1] = 0f; // negative valence, then the second
        stats[1] = 0; // lexicon hits
        float butWeight = 1f;
        boolean sawHan = false;
        boolean sawLatin = false;
        int enNeg = 0;
        float enBoost = 0f;
        long prevWord = SEED;
        int i = 0;
        while (i < len) {
            char c = t[i];
            if (c == ' ') {
                i++;
                continue;
            }
            if (isHan(c)) {
                int end = i + 1;
                while (end < len && isHan(t[end])) {
                    end++;
                }
                sawHan = true;
                units += end - i;
                // n-grams
                int negScope = 0;
                for (int k = i; k < end; k++) {
                    long h1 = (SEED ^ t[k]) * PRIME;
                    idx[n++] = index(h1, NS_HAN1, shift);
                    if (negScope > 0) {
                        idx[n++] = index(h1, NS_HANNEG, shift);
                        negScope--;
                    }
                    if (isZhNegator(t[k]) && !(k + 1 < end && isZhNegatorException(t[k], t[k + 1]))) {
                        negScope = 3;
                    }
                    if (k + 1 < end) {
                        long h2 = (h1 ^ t[k + 1]) * PRIME;
                        idx[n++] = index(h2, NS_HAN2, shift);
                        if (k + 2 < end) {
                            idx[n++] = index((h2 ^ t[k + 2]) * PRIME, NS_HAN3, shift);
                        }
                    }
                }
                // lexicon: forward maximum matching
                int maxLen = lex.maxHanLength();
                int k = i;
                int consumed = i;
                float boost = 0f;
                while (k < end) {
                    if (isZhBut(t, k, end)) {
                        butWeight = afterBut(dense);
                    }
                    long m = longestMatch(t, k, end, maxLen, lex);
                    int mlen = (int) (m >>> 32);
                    if (mlen == 0) {
                        if (isZhBooster(t[k])) {
                            boost += BOOST;
                        } else if (!isZhNegator(t[k]) && !isZhFiller(t[k])) {
                            boost = 0f;
                        }
                        k++;
                        continue;
                    }
                    float v = Float.intBitsToFloat((int) m);
                    if (v != 0f && mlen == 1 && t[k] == '好' && k + 1 < end) {
                        // 好 before a sentiment word is an adverb ("好慢" = very slow), not "good"
                        long next = longestMatch(t, k + 1, end, maxLen, lex);
                        if ((next >>> 32) != 0 && Float.intBitsToFloat((int) next) != 0f) {
                            boost += BOOST;
                            k++;
                            consumed = k;
                            continue;
                        }
                    }
                    if (v != 0f) {
                        if (boost > 0f) {
                            v += v > 0 ? boost : -boost;
                        }
                        if (zhNegated(t, k, Math.max(i, consumed))) {
                            v *= NEGATION;
                        }
                        v *= butWeight;
                        addValence(v, dense, stats);
                    }
                    boost = 0f;
                    k += mlen;
                    consumed = k;
                }
                enNeg = 0;
                prevWord = SEED;
                i = end;
                continue;
            }
            if (isWordChar(c)) {
                int end = i + 1;
                while (end < len && (isWordChar(t[end])
                        || (t[end] == '\'' && end + 1 < len && isWordChar(t[end + 1])))) {
                    end++;
                }
                sawLatin = true;
                units++;
                long h = SEED;
                for (int k = i; k < end; k++) {
                    h = (h ^ t[k]) * PRIME;
                }
                boolean negated = enNeg > 0;
                idx[n++] = index(h, negated ? NS_WORDNEG : NS_WORD, shift);
                idx[n++] = index(prevWord * GOLDEN ^ h, NS_BIGRAM, shift);
                // char 3..5-grams of <word>
                int plen = end - i + 2;
                for (int s = 0; s + 3 <= plen; s++) {
                    long g = SEED;
                    for (int q = 0; q < 5 && s + q < plen; q++) {
                        int p = s + q;
                        char pc = p == 0 ? '<' : p == plen - 1 ? '>' : t[i + p - 1];
                        g = (g ^ pc) * PRIME;
                        if (q >= 2) {
                            idx[n++] = index(g, NS_CHARNG, shift);
                        }
                    }
                }
                float v = lex.get(h);
                if (v == v && v != 0f) {
                    if (enBoost > 0f) {
                        v += v > 0 ? enBoost : -enBoost;
                    }
                    if (negated) {
                        v *= NEGATION;
                    }
                    v *= butWeight;
                    addValence(v, dense, stats);
                    enBoost = 0f;
                } else if (contains(EN_BOOSTERS, h)) {
                    enBoost += BOOST;
                } else {
                    enBoost = 0f;
                }
                if (contains(EN_NEGATORS, h) || endsWithNt(t, i, end)) {
                    enNeg = 3;
                } else if (enNeg > 0) {
                    enNeg--;
                }
                if (contains(EN_BUT, h)) {
                    butWeight = afterBut(dense);
                }
                prevWord = h;
                i = end;
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < len) {
                char lo = t[i + 1];
                int cp = Character.toCodePoint(c, lo);
                i += 2;
                if (cp >= 0x1F3FB && cp <= 0x1F3FF) {
                    continue; // skin tone modifier
                }
                long h = (((SEED ^ c) * PRIME) ^ lo) * PRIME;
                idx[n++] = index(h, NS_EMOJI, shift);
                units++;
                float v = lex.get(h);
                if (v == v && v != 0f) {
                    v *= butWeight;
                    addValence(v, dense, stats);
                }
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL && c > 0x2000) {
                long h = (SEED ^ c) * PRIME;
                idx[n++] = index(h, NS_EMOJI, shift);
                units++;
                float v = lex.get(h);
                if (v == v && v != 0f) {
                    v *= butWeight;
                    addValence(v, dense, stats);
                }
                i++;
                continue;
            }
            // punctuation run (emoticons, ! and ?)
            int end = i + 1;
            while (end < len && isPunct(t[end])) {
                end++;
            }
            if (end < len && end - i <= 3 && end - i >= 1 && (t[end] == 'd' || t[end] == 'p' || t[end] == 'o')
                    && (end + 1 == len || t[end + 1] == ' ')) {
                // ":d" ":p" ":o"
                long h = SEED;
                for (int k = i; k <= end; k++) {
                    h = (h ^ t[k]) * PRIME;
                }
                float v = lex.get(h);
                if (v == v) {
                    idx[n++] = index(h, NS_EMOTICON, shift);
                    if (v != 0f) {
                        addValence(v, dense, stats);
                    }
                    units++;
                    i = end + 1;
                    continue;
                }
            }
            boolean clauseEnd = false;
            long h = SEED;
            for (int k = i; k < end; k++) {
                char p = t[k];
                h = (h ^ p) * PRIME;
                if (p == '!' || p == '?') {
                    idx[n++] = index((SEED ^ p) * PRIME, NS_PUNCT, shift);
                }
                if (p == '.' || p == ',' || p == '!' || p == '?' || p == ';' || p == ':') {
                    clauseEnd = true;
                }
            }
            if (end - i >= 2) {
                float v = lex.get(h);
                if (v == v && v != 0f) {
                    idx[n++] = index(h, NS_EMOTICON, shift);
                    addValence(v, dense, stats);
                    units++;
                }
            }
            if (clauseEnd) {
                enNeg = 0;
                enBoost = 0f;
                prevWord = SEED;
            }
            i = end;
        }
        if (sawHan) {
            idx[n++] = index(SEED, NS_SCRIPT, shift);
        }
        if (sawLatin) {
            idx[n++] = index(SEED + 1, NS_SCRIPT, shift);
        }
        float pos = dense[0];
        float neg = dense[1];
        float sum = pos - neg;
        dense[0] = (float) (sum / Math.sqrt(sum * sum + 15.0));
        dense[1] = pos + neg > 0 ? (pos - neg) / (pos + neg) : 0f;
        stats[0] = units;
        return n;
    }

    /** "but" / 但是: what came before counts half, what follows half as much again (VADER's rule). */
    private static float afterBut(float[] dense) {
        dense[0] *= 0.5f;
        dense[1] *= 0.5f;
        return 1.5f;
    }

    /** One lexicon match: its valence adds to the positive or the negative total (kept in {@code dense} until the end). */
    private static void addValence(float v, float[] dense, int[] stats) {
        if (v > 0) {
            dense[0] += v;
        } else {
            dense[1] -= v;
        }
        stats[1]++;
    }

    private static boolean isPunct(char c) {
        return c != ' ' && !isWordChar(c) && !isHan(c) && !Character.isSurrogate(c)
                && Character.getType(c) != Character.OTHER_SYMBOL;
    }

    private static boolean endsWithNt(char[] t, int from, int end) {
        return end - from >= 3 && t[end - 1] == 't' && t[end - 2] == '\'' && t[end - 3] == 'n';
    }

    /** Whether a Chinese lexicon word at {@code k} is negated by a negator among the (up to 3) chars before it. */
    private static boolean zhNegated(char[] t, int k, int from) {
        for (int j = k - 1, steps = 0; j >= from && steps < 3; j--, steps++) {
            char c = t[j];
            if (isZhNegator(c) && !isZhNegatorException(c, t[j + 1])) {
                return true;
            }
            if (!isZhFiller(c) && !isZhBooster(c)) {
                return false;
            }
        }
        return false;
    }

    /** Longest lexicon entry starting at {@code k}: (length << 32) | floatBits(valence); 0 when none. */
    private static long longestMatch(char[] t, int k, int end, int maxLen, Lexicon lex) {
        long h = SEED;
        long best = 0;
        int lim = Math.min(end, k + maxLen);
        for (int j = k; j < lim; j++) {
            h = (h ^ t[j]) * PRIME;
            float v = lex.get(h);
            if (v == v) {
                best = ((long) (j - k + 1) << 32) | (Float.floatToRawIntBits(v) & 0xFFFFFFFFL);
            }
        }
        return best;
    }

    private static int index(long h, int ns, int shift) {
        long x = h + ns * GOLDEN;
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return (int) (x >>> shift);
    }

    private static boolean contains(long[] sorted, long key) {
        return java.util.Arrays.binarySearch(sorted, key) >= 0;
    }

    private static long[] sortedKeys(String... words) {
        long[] k = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            k[i] = key(words[i]);
        }
        java.util.Arrays.sort(k);
        return k;
    }
}
