package io.cxpulse.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.alerts.customer.CustomerAlertSettings;
import io.cxpulse.alerts.ops.OpsAlertSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Every alert rule and threshold, from one JSON file with a {@code customer} and an {@code ops} section; the shipped
 * defaults are {@value #DEFAULT_RESOURCE} (documented in the README). Bound and validated at start, so a wrong value
 * stops the job with the field named.
 */
public record AlertRules(String version, CustomerAlertSettings customer, OpsAlertSettings ops) implements Serializable {

    public static final String DEFAULT_RESOURCE = "/cxpulse/alerts/alert-rules.json";

    /** @param location a file, {@code classpath:/…}, or null for the shipped rules */
    public static AlertRules load(String location) {
        String where = location == null ? "classpath:" + DEFAULT_RESOURCE : location;
        JsonNode tree;
        try (InputStream in = where.startsWith("classpath:")
                ? AlertRules.class.getResourceAsStream(where.substring("classpath:".length()))
                : Files.newInputStream(Path.of(where))) {
            if (in == null) {
                throw new IOException("no such resource");
            }
            tree = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(where + " cannot be read: " + e.getMessage(), e);
        }
        try {
            return new AlertRules(tree.path("version").asText("unversioned"), CustomerAlertSettings.fromRules(tree),
                    OpsAlertSettings.fromRules(tree));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }
}
