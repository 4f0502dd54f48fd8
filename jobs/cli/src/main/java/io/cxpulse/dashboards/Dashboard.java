package io.cxpulse.dashboards;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One dashboard of {@code dashboards/panels/<name>.json}: its variables and panels, in display order. */
public record Dashboard(String name, String uid, String title, String description,
        @JsonProperty("time_from") String timeFrom, String refresh, List<Panel.Variable> variables, List<Panel> panels) {

    /** The dashboards, in the order the live view and the docs show them. */
    public static final List<String> NAMES = List.of("ops", "churn-watch", "pipeline-health");

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final String RESOURCES = "/cxpulse/dashboards/panels/";

    /** All dashboards from the classpath (the build copies {@code dashboards/panels} there). */
    public static List<Dashboard> loadAll() {
        List<Dashboard> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String name : NAMES) {
            Dashboard d = load(name);
            for (Panel p : d.panels()) {
                p.validate();
                if (!ids.add(p.id())) {
                    throw new IllegalArgumentException("panel id " + p.id() + " is used twice");
                }
            }
            out.add(d);
        }
        return out;
    }

    static Dashboard load(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(RESOURCES + name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("no panel definitions " + RESOURCES + name + ".json on the classpath");
            }
            Dashboard read = JSON.readValue(in, Dashboard.class);
            return new Dashboard(name, read.uid(), read.title(), read.description(), read.timeFrom(), read.refresh(),
                    read.variables() == null ? List.of() : read.variables(), read.panels());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read panel definitions " + name + ".json", e);
        }
    }
}
