package io.cxpulse.forget;

import static io.cxpulse.sink.clickhouse.ClickHouseSql.quote;

import com.fasterxml.jackson.databind.JsonNode;
import com.clickhouse.client.api.Client;
import io.cxpulse.sink.clickhouse.ClickHouseMigrations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Deletes a customer's rows from every table of the database that holds them, with {@code ALTER TABLE … DELETE}
 * (a mutation: the one way to delete that 18.16 and current servers share), and waits until ClickHouse has finished
 * rewriting the parts ({@code system.mutations.is_done}).
 */
final class ClickHouseErasure {

    /** Tables without a customer_id column that still hold her: the rejected records' raw payloads. */
    static final String INGEST_ERRORS = "ingest_errors";

    private final Client client;
    private final String database;

    ClickHouseErasure(Client client, String database) {
        this.client = client;
        this.database = database;
    }

    /** Her handles as her newest profile row lists them; read before that row is deleted. */
    ErasureFilters filtersFor(String customerId) {
        List<String> platforms = new ArrayList<>();
        List<String> handles = new ArrayList<>();
        if (tables().containsKey("customers")) {
            for (JsonNode row : query("SELECT handle_platforms, handles FROM " + table("customers")
                    + " WHERE customer_id = " + quote(customerId))) {
                row.get("handle_platforms").forEach(p -> platforms.add(p.asText()));
                row.get("handles").forEach(h -> handles.add(h.asText()));
            }
        }
        return new ErasureFilters(customerId, ErasureFilters.handleKeys(platforms, handles));
    }

    /** Table name to the WHERE clause that picks her rows there, for every MergeTree table that holds customers. */
    Map<String, String> plan(ErasureFilters filters) {
        Map<String, String> plan = new LinkedHashMap<>();
        tables().forEach((name, hasCustomerId) -> {
            if (name.equals("events")) {
                plan.put(name, filters.events());
            } else if (name.equals("alerts")) {
                plan.put(name, filters.alerts());
            } else if (name.equals(INGEST_ERRORS)) {
                plan.put(name, filters.ingestErrors());
            } else if (hasCustomerId) {
                plan.put(name, filters.byCustomerId());
            }
        });
        return plan;
    }

    long count(String table, String where) {
        return query("SELECT count() AS n FROM " + table(table) + " WHERE " + where).get(0).get("n").asLong();
    }

    void delete(String table, String where) {
        execute("ALTER TABLE " + table(table) + " DELETE WHERE " + where);
    }

    /** Mutations run in the background; this returns when none is left on the table, or fails naming it. */
    void awaitMutations(String table, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String pending = "SELECT count() AS n FROM system.mutations WHERE database = " + quote(database)
                + " AND table = " + quote(table) + " AND is_done = 0";
        while (query(pending).get(0).get("n").asLong() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ClickHouse has not finished deleting from " + database + "." + table
                        + " within " + timeout + " (see system.mutations; it goes on in the background)");
            }
            Thread.sleep(200);
        }
    }

    /** MergeTree tables of the database (mutations need that engine), each with whether it has a customer_id column. */
    private Map<String, Boolean> tables() {
        Map<String, Boolean> tables = new LinkedHashMap<>();
        for (JsonNode row : query("SELECT name, toUInt8(name IN (SELECT table FROM system.columns WHERE database = "
                + quote(database) + " AND name = 'customer_id')) AS has_customer_id FROM system.tables WHERE database = "
                + quote(database) + " AND engine LIKE '%MergeTree' ORDER BY name")) {
            tables.put(row.get("name").asText(), row.get("has_customer_id").asInt() == 1);
        }
        return tables;
    }

    private String table(String name) {
        return "`" + database + "`.`" + name.replace("`", "") + "`";
    }

    private List<JsonNode> query(String sql) {
        return ClickHouseMigrations.queryJson(client, sql);
    }

    private void execute(String sql) {
        try {
            client.execute(sql).get(60, TimeUnit.SECONDS).close();
        } catch (Exception e) {
            throw new IllegalStateException("ClickHouse refused: " + sql.substring(0, sql.indexOf(" WHERE ")) + " — "
                    + e.getMessage(), e);
        }
    }
}
