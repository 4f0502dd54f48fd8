package io.cxpulse.forget;

import io.cxpulse.config.Durations;
import io.cxpulse.config.JobConfig;
import io.cxpulse.config.JobOptions;
import io.cxpulse.sink.clickhouse.ClickHouseSettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Data-subject erasure. In this order: a tombstone on {@code cx.customers}, so the running job clears the customer's
 * state; the wait until the job has taken it in (see {@link ErasureTombstone}), so nothing it wrote for her before is
 * still on its way; then her rows are deleted from every ClickHouse table that holds them. What stays where, and the
 * race that remains, are in docs/security.md.
 */
@Command(name = "forget", mixinStandardHelpOptions = true,
        description = "Erase a customer: clear their state in the running job, then delete their rows from ClickHouse.")
public final class ForgetCommand implements Callable<Integer> {

    /** The contract's limit on customer_id (cx.customers.schema.json). */
    static final int MAX_ID_LENGTH = 128;

    @Mixin
    JobOptions options = new JobOptions();

    @Option(names = "--customer", required = true, paramLabel = "ID", description = "The customer_id to erase.")
    String customer;

    @Option(names = "--wait-timeout", defaultValue = "3m", converter = Durations.class, paramLabel = "DURATION",
            description = "How long to wait for the job to take the erasure in, and then for ClickHouse to finish "
                    + "each delete. Default: ${DEFAULT-VALUE}.")
    Duration waitTimeout;

    @Option(names = "--no-wait", description = "The job is stopped: send the tombstone (the job clears the state when "
            + "it next starts) and delete the rows without waiting for the job.")
    boolean noWait;

    @Override
    public Integer call() throws Exception {
        if (customer.isBlank() || customer.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("--customer must be 1 to " + MAX_ID_LENGTH + " characters, got "
                    + customer.length());
        }
        JobConfig config = options.toConfig(System.getenv());
        PrintStream out = System.out;
        out.println("forget " + customer + ":");
        try (var client = ClickHouseSettings.from(config).newClient()) {
            ClickHouseErasure clickhouse = new ClickHouseErasure(client, config.clickhouseDatabase());
            ErasureFilters filters = clickhouse.filtersFor(customer);

            RecordMetadata tombstone = ErasureTombstone.send(config.kafkaProperties(), customer, handles(filters));
            out.printf("  %s: tombstone at partition %d, offset %d (%d handle(s) to release)%n", tombstone.topic(),
                    tombstone.partition(), tombstone.offset(), filters.handleKeys().size());
            if (noWait) {
                out.println("  not waiting for the job (--no-wait)");
            } else {
                long committed = ErasureTombstone.awaitCommittedPast(config.kafkaProperties(), config.kafkaGroupId(),
                        tombstone, waitTimeout);
                out.printf("  the job (group %s) has taken it in: committed offset %d%n", config.kafkaGroupId(), committed);
            }

            long total = 0;
            for (Map.Entry<String, String> table : clickhouse.plan(filters).entrySet()) {
                long rows = clickhouse.count(table.getKey(), table.getValue());
                if (rows > 0) {
                    clickhouse.delete(table.getKey(), table.getValue());
                    clickhouse.awaitMutations(table.getKey(), waitTimeout);
                    long left = clickhouse.count(table.getKey(), table.getValue());
                    if (left > 0) {
                        throw new IllegalStateException(config.clickhouseDatabase() + "." + table.getKey() + ": " + left
                                + " of the customer's rows are still there after the delete finished");
                    }
                }
                total += rows;
                out.printf("  %s.%s: %d rows removed%n", config.clickhouseDatabase(), table.getKey(), rows);
            }
            out.printf("done: %d rows removed. Not covered here (see docs/security.md): the input topics until their "
                    + "retention, cx.dead-letter, backups and replicas' lag.%n", total);
        }
        return 0;
    }

    /** platform to handle, from the handle keys ({@code platform:handle}); the job keys them the same way again. */
    private static Map<String, String> handles(ErasureFilters filters) {
        Map<String, String> handles = new LinkedHashMap<>();
        for (String key : filters.handleKeys()) {
            int colon = key.indexOf(':');
            handles.put(key.substring(0, colon), key.substring(colon + 1));
        }
        return handles;
    }
}
