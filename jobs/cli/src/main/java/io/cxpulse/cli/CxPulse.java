package io.cxpulse.cli;

import io.cxpulse.bench.BenchCommand;
import io.cxpulse.config.ConfigDefaults;
import io.cxpulse.config.ConfigException;
import io.cxpulse.dashboards.DashboardsCommand;
import io.cxpulse.evaluate.EvaluateCommand;
import io.cxpulse.forget.ForgetCommand;
import io.cxpulse.simulator.SimulateCommand;
import io.cxpulse.text.SentimentCommand;
import io.cxpulse.text.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/cxpulse}: the product's command line. */
@Command(name = "cxpulse", mixinStandardHelpOptions = true, version = "CX Pulse 0.1.0",
        description = "Real-time customer-experience monitor on Flink, Kafka and ClickHouse.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            SimulateCommand.class,
            ProduceCommand.class,
            ConsumeCommand.class,
            MigrateCommand.class,
            TrainCommand.class,
            SentimentCommand.class,
            EvaluateCommand.class,
            ExplainCommand.class,
            ForgetCommand.class,
            DashboardsCommand.class,
            BenchCommand.class,
            ReconcileCommand.class,
        })
public final class CxPulse implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line; bad flags, config or input files end with exit 2 and a message that says what to fix. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new CxPulse());
        try {
            cli.setDefaultValueProvider(ConfigDefaults.from(args, System.getenv()));
        } catch (ConfigException e) {
            System.err.println("cxpulse: " + e.getMessage());
            return 2;
        }
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("cxpulse " + cmd.getCommandName() + ": " + e.getMessage());
                return 2;
            }
            if (e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                    || e instanceof IllegalStateException) {
                // a file, port or server the command needs is missing, taken or unreadable: the message names it
                cmd.getErr().println("cxpulse " + cmd.getCommandName() + ": " + e.getMessage());
                if (System.getenv("CXPULSE_DEBUG") != null) {
                    e.printStackTrace(cmd.getErr());
                }
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }
}
