package io.cxpulse.enrich.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complaint taxonomy: categories, each with Chinese and English cues and the department it routes to, plus a
 * fallback category ({@code other}). Loaded from JSON; the default ships as {@value #DEFAULT_RESOURCE}.
 *
 * <pre>{@code
 * { "version": "acme-3",
 *   "fallback": {"id": "other", "department": "customer_care"},
 *   "categories": [
 *     {"id": "delivery", "name": "Delivery", "department": "logistics",
 *      "cues": {"zh": ["快递^3", "物流"], "en": ["deliver*^3", "tracking", "never arrived^3"]}} ] }
 * }</pre>
 * Cues are normalised like the text ({@link TextNormalizer}: lower case, half-width, Traditional → Simplified).
 * A cue made of Latin letters matches whole words; a trailing {@code *} allows any ending; {@code ^w} sets the cue's
 * weight (default 1). The {@code cues} object may have any keys (languages are for the reader) or be a plain list.
 */
public final class Taxonomy implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_RESOURCE = "/cxpulse/taxonomy/default.json";

    /** One cue, normalised. */
    public record Cue(String text, float weight, boolean prefix) implements Serializable {
    }

    /** One category. */
    public record Category(String id, String name, String department, List<Cue> cues) implements Serializable {
    }

    private final String version;
    private final List<Category> categories;
    private final Category fallback;
    private final Map<String, Category> byId;

    public Taxonomy(String version, List<Category> categories, Category fallback) {
        this.version = version;
        this.categories = List.copyOf(categories);
        this.fallback = fallback;
        Map<String, Category> m = new LinkedHashMap<>();
        for (Category c : categories) {
            if (m.put(c.id(), c) != null) {
                throw new IllegalArgumentException("duplicate category id " + c.id());
            }
        }
        m.putIfAbsent(fallback.id(), fallback);
        this.byId = m;
    }

    /** The shipped default taxonomy. */
    public static Taxonomy defaults() {
        try (InputStream in = Taxonomy.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code null}/blank/{@code "default"} = the shipped taxonomy, {@code classpath:/x.json} = a resource, else a file. */
    public static Taxonomy load(String location) {
        if (location == null || location.isBlank() || location.equals("default")) {
            return defaults();
        }
        try {
            if (location.startsWith("classpath:")) {
                try (InputStream in = Taxonomy.class.getResourceAsStream(location.substring("classpath:".length()))) {
                    if (in == null) {
                        throw new IOException("no such resource: " + location);
                    }
                    return parse(new ObjectMapper().readTree(in));
                }
            }
            return load(Path.of(location));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load taxonomy " + location, e);
        }
    }

    public static Taxonomy load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(new ObjectMapper().readTree(in));
        }
    }

    public static Taxonomy parse(JsonNode root) {
        if (root == null || !root.path("categories").isArray()) {
            throw new IllegalArgumentException("taxonomy needs a \"categories\" array");
        }
        String version = root.path("version").asText("unversioned");
        JsonNode fb = root.path("fallback");
        Category fallback = new Category(fb.path("id").asText("other"), fb.path("name").asText("Other"),
                fb.path("department").asText("customer_care"), List.of());
        List<Category> cats = new ArrayList<>();
        for (JsonNode c : root.path("categories")) {
            String id = c.path("id").asText("");
            if (id.isBlank()) {
                throw new IllegalArgumentException("a category has no id");
            }
            String dept = c.path("department").asText(fallback.department());
            List<Cue> cues = new ArrayList<>();
            JsonNode cn = c.path("cues");
            if (cn.isArray()) {
                addCues(cn, cues);
            } else if (cn.isObject()) {
                for (Iterator<JsonNode> it = cn.elements(); it.hasNext(); ) {
                    addCues(it.next(), cues);
                }
            }
            cats.add(new Category(id, c.path("name").asText(id), dept, List.copyOf(cues)));
        }
        return new Taxonomy(version, cats, fallback);
    }

    private static void addCues(JsonNode list, List<Cue> out) {
        for (JsonNode n : list) {
            String raw = n.asText("").trim();
            float weight = 1f;
            int caret = raw.lastIndexOf('^');
            if (caret > 0) {
                try {
                    weight = Float.parseFloat(raw.substring(caret + 1));
                    raw = raw.substring(0, caret);
                } catch (NumberFormatException ignored) {
                    // a literal caret
                }
            }
            boolean prefix = raw.endsWith("*");
            if (prefix) {
                raw = raw.substring(0, raw.length() - 1);
            }
            String norm = TextNormalizer.normalize(raw).trim();
            if (!norm.isEmpty()) {
                out.add(new Cue(norm, weight, prefix));
            }
        }
    }

    public String version() {
        return version;
    }

    public List<Category> categories() {
        return categories;
    }

    public Category fallback() {
        return fallback;
    }

    /** The category with this id (the fallback included), or null. */
    public Category category(String id) {
        return byId.get(id);
    }

    /** The department a category routes to; the fallback's department for unknown ids. */
    public String department(String categoryId) {
        Category c = categoryId == null ? null : byId.get(categoryId);
        return c != null ? c.department() : fallback.department();
    }
}
