package io.cxpulse.simulator;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cxpulse simulate}: realistic traffic on the input topics of a running Kafka. */
@Command(name = "simulate",
        description = "Send realistic simulated traffic (profiles, clicks, complaints, social mentions, service events,"
                + " incidents, churners, malformed records) to the CX Pulse input topics.",
        mixinStandardHelpOptions = true)
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"--kafka-bootstrap-servers", "--bootstrap-servers"}, defaultValue = "127.0.0.1:9092",
            description = "Kafka brokers, the same flag as the job's (--bootstrap-servers is the older name). Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(names = "--rate", defaultValue = "200", description = "Events per second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--customers", defaultValue = "2000", description = "Number of customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; the same seed gives the same stream (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--malformed-share", defaultValue = "0.01", description = "Share of deliberately malformed event records, 0..0.5 (default: ${DEFAULT-VALUE}).")
    double malformedShare;

    @Option(names = "--max-events", defaultValue = "0", description = "Stop after this many events; 0 = unlimited (default: ${DEFAULT-VALUE}).")
    long maxEvents;

    @Option(names = "--duration", defaultValue = "0", converter = DurationOption.class,
            description = "Stop after this long, e.g. 30s, 5m; 0 = unlimited (default: unlimited).")
    Duration duration;

    @Option(names = "--churn-horizon", defaultValue = "30m", converter = DurationOption.class,
            description = "Event-time span over which churners leave, after drifting towards it, e.g. 30m for a demo,"
                    + " 40d for an evaluation (default: ${DEFAULT-VALUE}).")
    Duration churnHorizon;

    @Option(names = "--story-time-scale", defaultValue = "1",
            description = "Stretches the delays within stories (a complaint's handling, a callback); e.g. 720 makes a"
                    + " 2-minute wait a day, for slow event rates (default: ${DEFAULT-VALUE}).")
    double storyTimeScale;

    @Override
    public Integer call() throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        SimulatorRunner runner;
        try {
            SimulatorSettings settings = new SimulatorSettings(seed, customers, rate, malformedShare,
                    System.currentTimeMillis(), churnHorizon.toMillis(), storyTimeScale);
            runner = new SimulatorRunner(props, settings, maxEvents, duration.isZero() ? null : duration, System.out);
        } catch (IllegalArgumentException e) {
            // a usage error, shown with the usage help rather than as a stack trace
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Thread hook = new Thread(() -> {
            runner.stop();
            try {
                runner.awaitTermination(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.printf("simulating %d customers at %.0f events/s (seed %d) to %s%n", customers, rate, seed,
                bootstrapServers);
        runner.run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is already running: it is what stopped us
        }
        return runner.sendErrors() == 0 ? 0 : 1;
    }
}
