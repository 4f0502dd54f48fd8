package io.cxpulse.dashboards;

import io.cxpulse.text.RepoPaths;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cxpulse dashboards generate}: rewrites the Grafana dashboards from the panel definitions. */
@Command(name = "dashboards", mixinStandardHelpOptions = true,
        description = "Dashboards as code: `dashboards generate` writes dashboards/grafana/dashboards/*.json from dashboards/panels.",
        subcommands = DashboardsCommand.Generate.class)
public final class DashboardsCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write the Grafana dashboards generated from the panel definitions (commit the result).")
    static final class Generate implements Callable<Integer> {

        @Option(names = "--out", paramLabel = "DIR",
                description = "Where to write them. Default: <repo>/dashboards/grafana/dashboards.")
        Path out;

        @Override
        public Integer call() {
            Path dir = out != null ? out : RepoPaths.root().resolve(GRAFANA_DASHBOARDS);
            GrafanaDashboards.write(dir).keySet().forEach(f -> System.out.println("wrote " + dir.resolve(f)));
            return 0;
        }
    }

    /** The generated dashboards, relative to the repository root. */
    public static final String GRAFANA_DASHBOARDS = "dashboards/grafana/dashboards";
}
