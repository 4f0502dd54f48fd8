package io.cxpulse.sink.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ordered, idempotent schema migrations, shipped in {@code schemas/clickhouse/migrations/} and listed in its INDEX.
 * Each applied migration is recorded in {@code schema_migrations} with a checksum; a migration edited after it ran is
 * an error, not a silent drift. A migration may declare {@code -- min-server-version: 21.8} to be applied only on
 * servers that have the feature (TTL, codecs…); on older servers it is recorded as skipped.
 */
public final class ClickHouseMigrations {

    public static final String RESOURCE_DIR = "/cxpulse/clickhouse/migrations/";
    private static final Pattern FILE = Pattern.compile("V(\\d{3})__([a-z0-9_]+)\\.sql");
    private static final Pattern MIN_VERSION = Pattern.compile("(?m)^--\\s*min-server-version:\\s*(\\d+(?:\\.\\d+)*)\\s*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Migration(int version, String name, String sql, String checksum, String minServerVersion) {}

    /** What {@link #apply} did: each migration's version with applied, skipped or already-applied. */
    public record Report(String serverVersion, Map<Integer, String> outcomes) {}

    private ClickHouseMigrations() {}

    public static List<Migration> bundled() {
        List<Migration> migrations = new ArrayList<>();
        for (String file : readResource(RESOURCE_DIR + "INDEX").lines().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
            Matcher m = FILE.matcher(file);
            if (!m.matches()) {
                throw new IllegalStateException("migration INDEX lists '" + file + "', not of the form V001__name.sql");
            }
            String sql = readResource(RESOURCE_DIR + file);
            Matcher min = MIN_VERSION.matcher(sql);
            migrations.add(new Migration(Integer.parseInt(m.group(1)), m.group(2), sql, sha256(sql),
                    min.find() ? min.group(1) : null));
        }
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalStateException("migrations must be numbered 1, 2, 3… in INDEX order; found V"
                        + migrations.get(i).version() + " at position " + (i + 1));
            }
        }
        return migrations;
    }

    public static Report apply(Client client, String database) {
        String server = queryJson(client, "SELECT version() AS v").get(0).get("v").asText();
        execute(client, "CREATE DATABASE IF NOT EXISTS " + database);
        execute(client, "CREATE TABLE IF NOT EXISTS " + database + ".schema_migrations ("
                + " version UInt32 COMMENT 'Migration number (V001 = 1)',"
                + " name String COMMENT 'Migration file name without version and extension',"
                + " checksum String COMMENT 'SHA-256 of the migration file as applied',"
                + " status String COMMENT 'applied | skipped (server too old for it)',"
                + " server_version String COMMENT 'ClickHouse version it ran on',"
                + " applied_at DateTime('UTC') COMMENT 'When it ran (UTC)'"
                + ") ENGINE = MergeTree ORDER BY version");
        Map<Integer, String> applied = new HashMap<>();
        for (JsonNode row : queryJson(client, "SELECT version, checksum FROM " + database + ".schema_migrations")) {
            applied.put(row.get("version").asInt(), row.get("checksum").asText());
        }
        Map<Integer, String> outcomes = new java.util.LinkedHashMap<>();
        for (Migration m : bundled()) {
            String done = applied.get(m.version());
            if (done != null) {
                if (!done.equals(m.checksum())) {
                    throw new IllegalStateException(String.format("migration V%03d__%s.sql was changed after it ran on "
                            + "%s (checksum %s, now %s); add a new migration instead of editing an applied one",
                            m.version(), m.name(), database, done, m.checksum()));
                }
                outcomes.put(m.version(), "already applied");
                continue;
            }
            boolean supported = m.minServerVersion() == null || compareVersions(server, m.minServerVersion()) >= 0;
            if (supported) {
                for (String statement : statements(m.sql().replace("{db}", database))) {
                    execute(client, statement);
                }
            }
            String status = supported ? "applied" : "skipped";
            execute(client, "INSERT INTO " + database + ".schema_migrations (version, name, checksum, status, "
                    + "server_version, applied_at) VALUES (" + m.version() + ", '" + m.name() + "', '" + m.checksum()
                    + "', '" + status + "', '" + server.replace("'", "") + "', now())");
            outcomes.put(m.version(), status);
        }
        return new Report(server, outcomes);
    }

    /** Splits a file into statements at semicolons that end a line; comment lines are dropped. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().trim();
                out.add(statement.substring(0, statement.length() - 1).trim());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().trim());
        }
        return out;
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? parseLeadingInt(x[i]) : 0;
            int yi = i < y.length ? parseLeadingInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }

    private static int parseLeadingInt(String s) {
        Matcher m = Pattern.compile("^\\d+").matcher(s);
        return m.find() ? Integer.parseInt(m.group()) : 0;
    }

    private static void execute(Client client, String sql) {
        try {
            client.execute(sql).get(60, TimeUnit.SECONDS).close();
        } catch (Exception e) {
            throw new IllegalStateException("ClickHouse statement failed: " + firstLine(sql) + " — "
                    + ClickHouseErrors.summarize(e), e);
        }
    }

    /** Runs a query and returns its rows (FORMAT JSONEachRow, which every supported server version speaks). */
    public static List<JsonNode> queryJson(Client client, String sql) {
        try (QueryResponse response = client.query(sql + " FORMAT JSONEachRow").get(60, TimeUnit.SECONDS);
                BufferedReader reader = new BufferedReader(
                        new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
            List<JsonNode> rows = new ArrayList<>();
            for (String line; (line = reader.readLine()) != null; ) {
                if (!line.isBlank()) {
                    rows.add(JSON.readTree(line));
                }
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException("ClickHouse query failed: " + firstLine(sql) + " — "
                    + ClickHouseErrors.summarize(e), e);
        }
    }

    private static String firstLine(String sql) {
        String line = sql.strip().lines().findFirst().orElse("");
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }

    private static String readResource(String path) {
        try (InputStream in = ClickHouseMigrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
