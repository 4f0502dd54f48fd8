package io.cxpulse.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.config.ConfigDefaults;
import io.cxpulse.config.JobConfig;
import io.cxpulse.config.JobOptions;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The shape of the job graph the product runs, where it decides the job's cost: which operators share a task (no
 * serialization between them) and how many network exchanges an event crosses.
 */
class TopologyTest {

    private static JobConfig config() {
        String[] args = {"--parallelism", "2"};
        JobOptions options = new JobOptions();
        CommandLine cli = new CommandLine(options);
        cli.setDefaultValueProvider(ConfigDefaults.from(args, Map.of()));
        cli.parseArgs(args);
        return options.toConfig(Map.of());
    }

    /** The product's data flow at parallelism 2, as the operators were declared. */
    private static StreamGraph streamGraph() {
        JobConfig config = config();
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(ExperienceMonitorJob.flinkConfiguration(config));
        env.setParallelism(2);
        ExperienceMonitorJob.build(env, config, JobSources.kafka(config), JobSinks.scoresOnly(new DiscardingSink<>()));
        return env.getStreamGraph();
    }

    /** The tasks it runs as, operators chained. */
    private static List<JobVertex> vertices() {
        JobGraph graph = streamGraph().getJobGraph();
        return List.of(graph.getVerticesSortedTopologicallyFromSources().toArray(JobVertex[]::new));
    }

    private static StreamNode nodeOf(StreamGraph graph, String operator) {
        return graph.getStreamNodes().stream().filter(n -> n.getOperatorName().equals(operator)).findFirst()
                .orElseThrow(() -> new AssertionError("no operator " + operator));
    }

    private static JobVertex vertexOf(List<JobVertex> vertices, String operator) {
        return vertices.stream().filter(v -> v.getName().contains(operator)).findFirst()
                .orElseThrow(() -> new AssertionError("no task runs " + operator + ": "
                        + vertices.stream().map(JobVertex::getName).toList()));
    }

    @Test
    void anEventCrossesTwoNetworkExchangesOnItsWayToTheScoring() {
        List<JobVertex> vertices = vertices();
        JobVertex source = vertexOf(vertices, "kafka-events");
        JobVertex enrich = vertexOf(vertices, "enrich-text");
        JobVertex scoring = vertexOf(vertices, "score-customers");
        // decoding chains into the source; dedupe, enrichment and the events sink share one task
        assertThat(source.getName()).contains("route-events");
        assertThat(enrich.getName()).contains("dedupe-by-event-id", "clickhouse-events", "without-text", "mentions");
        assertThat(enrich.getInputs()).hasSize(1);
        assertThat(enrich.getInputs().get(0).getSource().getProducer()).isEqualTo(source);
        // the scoring reads the enriched events straight from that task (and the profiles, and resolved mentions)
        assertThat(scoring.getInputs()).extracting(e -> e.getSource().getProducer()).contains(enrich);
        // the alert rules and the metric mapping run inside the scoring task
        assertThat(scoring.getName()).contains("customer-alert-rules", "metric-event");
    }

    @Test
    void outputsOfFewRowsHaveOneWriterAndTheEventsOneWriterPerSubtask() {
        List<JobVertex> vertices = vertices();
        for (String output : List.of("clickhouse-customer-scores", "clickhouse-customer-scores-latest",
                "clickhouse-customers", "clickhouse-ingest-errors", "kafka-dead-letter", "clickhouse-alerts",
                "kafka-alerts", "kafka-contact-suppression", "clickhouse-metrics-1m", "clickhouse-metrics-1h",
                "clickhouse-metrics-1d")) {
            JobVertex writer = vertexOf(vertices, output + ":");
            assertThat(writer.getParallelism()).as(output).isEqualTo(ExperienceMonitorJob.FEW_ROWS_WRITERS);
            // a task of its own: the operator that produces the rows never waits for their insert or transaction
            assertThat(writer.getName()).as(output).startsWith(output);
        }
        // the events, with their text, are written where they are decided: never shipped to a writer of their own
        JobVertex events = vertexOf(vertices, "clickhouse-events: Writer");
        assertThat(events.getParallelism()).isEqualTo(2);
        assertThat(events.getName()).contains("enrich-text");
        assertThat(vertexOf(vertices, "clickhouse-events-resolved-mentions").getName())
                .contains("resolve-mention-authors");
    }

    @Test
    void filtersAndSinksBeforeAUnionRunInTheTaskThatDecidesTheEvent() {
        List<JobVertex> vertices = vertices();
        for (JobVertex v : vertices) {
            // a task whose head is a filter or the events sink would receive every event over the network
            assertThat(v.getName()).as("task %s", v.getName())
                    .doesNotStartWith("with-customer").doesNotStartWith("mentions").doesNotStartWith("unattributed")
                    .doesNotStartWith("clickhouse-events:");
        }
        assertThat(vertexOf(vertices, "resolve-mention-authors").getName())
                .contains("clickhouse-events-resolved-mentions", "with-customer", "unattributed", "resolved-mentions");
    }

    @Test
    void everyAlertOutputReadsTheCountedAlerts() {
        // alertsRaised counts what users are told: the sinks and the alert minutes hang off the counting step
        List<JobVertex> vertices = vertices();
        JobVertex counting = vertexOf(vertices, "count-alerts");
        assertThat(counting.getName()).contains("alert-openings");
        for (String output : List.of("clickhouse-alerts", "kafka-alerts")) {
            assertThat(vertexOf(vertices, output).getInputs()).extracting(e -> e.getSource().getProducer())
                    .containsExactly(counting);
        }
    }

    @Test
    void alertsLeaveTheirRulesWithoutWaitingForABufferToFill() {
        StreamGraph graph = streamGraph();
        for (String rules : List.of("customer-alert-rules", "detect-incidents", "detect-viral-mentions")) {
            StreamNode node = nodeOf(graph, rules);
            assertThat(node.getOutEdges()).as(rules).isNotEmpty()
                    .allSatisfy(e -> assertThat(e.getBufferTimeout()).as(rules).isZero());
        }
        // the events' own exchanges keep filling buffers
        assertThat(nodeOf(graph, "enrich-text").getBufferTimeout()).isNotZero();
    }

    @Test
    void chainedOperatorsShareObjects() {
        assertThat(ExperienceMonitorJob.flinkConfiguration(config()).get(PipelineOptions.OBJECT_REUSE)).isTrue();
    }
}
