package io.cxpulse.text;

import io.cxpulse.enrich.text.LanguageDetector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Readers for the labeled corpus formats that {@code cxpulse train sentiment} accepts. */
public final class Corpora {

    private Corpora() {
    }

    /**
     * Reads every corpus the data directory holds: {@code zh/*.csv} (ChineseNlpCorpus: {@code label,review} or
     * {@code cat,label,review}, label 1/0, UTF-8 with BOM) and {@code en/*GroundTruth.txt} (VADER: id, mean rating
     * -4..4, text; |rating| &lt; 0.5 is neutral). Files are read in name order.
     */
    public static List<LabeledText> readDataDir(Path dir) throws IOException {
        List<LabeledText> all = new ArrayList<>();
        Path zh = dir.resolve("zh");
        if (Files.isDirectory(zh)) {
            for (Path p : sorted(zh, ".csv")) {
                all.addAll(readChineseCsv(p));
            }
        }
        Path en = dir.resolve("en");
        if (Files.isDirectory(en)) {
            for (Path p : sorted(en, "GroundTruth.txt")) {
                all.addAll(readVaderSnippets(p));
            }
        }
        return all;
    }

    private static List<Path> sorted(Path dir, String suffix) throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }

    public static String corpusName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** ChineseNlpCorpus CSV: header names the columns; {@code label} 1 = positive, 0 = negative. */
    public static List<LabeledText> readChineseCsv(Path p) throws IOException {
        String corpus = corpusName(p);
        List<LabeledText> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            List<String> header = null;
            int labelCol = -1;
            int textCol = -1;
            List<String> row;
            while ((row = readCsvRecord(r)) != null) {
                if (header == null) {
                    header = row.stream().map(s -> stripBom(s).trim().toLowerCase(Locale.ROOT)).toList();
                    labelCol = header.indexOf("label");
                    textCol = header.indexOf("review");
                    if (labelCol < 0 || textCol < 0) {
                        throw new IOException(p + ": expected columns label and review, got " + header);
                    }
                    continue;
                }
                if (row.size() <= Math.max(labelCol, textCol)) {
                    continue;
                }
                String text = textCol == header.size() - 1 && row.size() > header.size()
                        ? String.join(",", row.subList(textCol, row.size())) // unquoted commas in the review
                        : row.get(textCol);
                text = stripBom(text).trim();
                String label = row.get(labelCol).trim();
                if (text.isEmpty() || label.isEmpty()) {
                    continue;
                }
                int y = label.equals("1") ? 1 : label.equals("0") ? -1 : 0;
                if (y != 0) {
                    out.add(new LabeledText(text, y, corpus, "zh"));
                }
            }
        }
        return out;
    }

    /** VADER ground truth: {@code id<TAB>mean rating<TAB>text}; |rating| &lt; 0.5 is neutral (label 0). */
    public static List<LabeledText> readVaderSnippets(Path p) throws IOException {
        String corpus = corpusName(p);
        List<LabeledText> out = new ArrayList<>();
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 3);
            if (f.length < 3) {
                continue;
            }
            double rating;
            try {
                rating = Double.parseDouble(f[1].trim());
            } catch (NumberFormatException e) {
                continue;
            }
            String text = f[2].trim();
            if (text.isEmpty()) {
                continue;
            }
            int y = rating >= 0.5 ? 1 : rating <= -0.5 ? -1 : 0;
            out.add(new LabeledText(text, y, corpus, "en"));
        }
        return out;
    }

    /**
     * The user format for retraining on one's own feedback: {@code label<TAB>text} per line, label one of
     * {@code positive|negative|neutral}, {@code pos|neg|neu}, {@code 1|-1|0}; lines starting with {@code #} and blank
     * lines are skipped. The language of each text is detected.
     */
    public static List<LabeledText> readUserTsv(Path p) throws IOException {
        String corpus = corpusName(p);
        List<LabeledText> out = new ArrayList<>();
        int lineNo = 0;
        boolean first = true;
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            lineNo++;
            line = stripBom(line);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IOException(p + ":" + lineNo + ": expected label<TAB>text");
            }
            int y = parseLabel(line.substring(0, tab).trim());
            boolean header = first;
            first = false;
            if (y == Integer.MIN_VALUE) {
                if (header) {
                    continue; // a header line such as label<TAB>text
                }
                throw new IOException(p + ":" + lineNo + ": unknown label '" + line.substring(0, tab) + "'");
            }
            String text = line.substring(tab + 1).trim();
            if (!text.isEmpty()) {
                out.add(new LabeledText(text, y, corpus, LanguageDetector.detect(text)));
            }
        }
        return out;
    }

    static int parseLabel(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "positive", "pos", "1", "+1":
                return 1;
            case "negative", "neg", "-1":
                return -1;
            case "neutral", "neu", "0":
                return 0;
            default:
                return Integer.MIN_VALUE;
        }
    }

    /** A {@code token<TAB>valence[<TAB>...]} lexicon (VADER's layout, or the shipped zh/emoji priors). */
    public static Map<String, Float> readLexicon(BufferedReader r) throws IOException {
        Map<String, Float> lex = new LinkedHashMap<>();
        String line;
        while ((line = r.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length < 2) {
                continue;
            }
            try {
                lex.put(f[0].trim(), Float.parseFloat(f[1].trim()));
            } catch (NumberFormatException ignored) {
                // skip malformed line
            }
        }
        return lex;
    }

    public static Map<String, Float> readLexicon(Path p) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            return readLexicon(r);
        }
    }

    public static Map<String, Float> readLexiconResource(String resource) {
        try (InputStream in = Corpora.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return readLexicon(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** VADER's emoji_utf8_lexicon.txt: {@code emoji<TAB>description}. */
    public static Map<String, String> readEmojiDescriptions(Path p) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 2);
            if (f.length == 2 && !f[0].isBlank()) {
                out.put(f[0].trim(), f[1].trim());
            }
        }
        return out;
    }

    private static String stripBom(String s) {
        return s.replace("\uFEFF", "");
    }

    /** One RFC 4180 record (quoted fields may hold commas, doubled quotes and newlines); null at end of input. */
    static List<String> readCsvRecord(BufferedReader r) throws IOException {
        String line = r.readLine();
        if (line == null) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i >= line.length()) {
                if (quoted) {
                    String next = r.readLine();
                    if (next == null) {
                        break;
                    }
                    cur.append('\n');
                    line = next;
                    i = 0;
                    continue;
                }
                break;
            }
            char c = line.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < line.length() && line.charAt(i) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"' && cur.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        fields.add(cur.toString());
        return fields;
    }
}
