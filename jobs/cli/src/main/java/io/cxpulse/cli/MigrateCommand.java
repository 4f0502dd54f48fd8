package io.cxpulse.cli;

import io.cxpulse.config.JobConfig;
import io.cxpulse.config.JobOptions;
import io.cxpulse.sink.clickhouse.ClickHouseMigrations;
import io.cxpulse.sink.clickhouse.ClickHouseSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Applies pending ClickHouse migrations and says what it did; the job also does this at start. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Apply pending ClickHouse migrations to the configured database.")
public final class MigrateCommand implements Callable<Integer> {

    @Mixin
    JobOptions options = new JobOptions();

    @Override
    public Integer call() {
        JobConfig config = options.toConfig(System.getenv());
        try (var client = ClickHouseSettings.from(config).newClient()) {
            ClickHouseMigrations.Report report = ClickHouseMigrations.apply(client, config.clickhouseDatabase());
            System.out.printf("ClickHouse %s at %s, database %s%n", report.serverVersion(), config.clickhouseUrl(),
                    config.clickhouseDatabase());
            report.outcomes().forEach((v, outcome) -> System.out.printf("  V%03d %s%n", v, outcome));
        }
        return 0;
    }
}
