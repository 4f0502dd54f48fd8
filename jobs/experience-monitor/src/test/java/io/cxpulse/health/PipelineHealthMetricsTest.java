package io.cxpulse.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.aggregate.Grain;
import io.cxpulse.aggregate.MetricEvent;
import io.cxpulse.aggregate.MetricRow;
import io.cxpulse.aggregate.MinuteMetrics;
import io.cxpulse.aggregate.RollupMetrics;
import io.cxpulse.alerts.Alert;
import io.cxpulse.alerts.CountAlerts;
import io.cxpulse.dedupe.DedupeByEventId;
import io.cxpulse.dedupe.FlagLateEvents;
import io.cxpulse.enrich.EventSerializers;
import io.cxpulse.ingest.Ingested;
import io.cxpulse.ingest.RouteIngested;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;
import io.cxpulse.model.IngestError;
import io.cxpulse.model.SourceRef;
import io.cxpulse.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pipeline-health metrics as a reporter sees them (Flink's in-memory reporter on a mini-cluster): each operator
 * counts what it decides, under the names docs/ops.md documents. Event time is driven by a watermark after every
 * record, so which records are late is certain.
 */
class PipelineHealthMetricsTest {

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());

    private static final long T0 = Grain.DAY.startOf(1_790_000_000_000L);

    @Test
    void rejectedRecordsAreCountedPerSourceTopic() throws Exception {
        StreamExecutionEnvironment env = env();
        env.fromData(List.of(
                        rejected(Topics.CLICKS, 1), rejected(Topics.CLICKS, 2), rejected(Topics.CLICKS, 3),
                        rejected(Topics.COMPLAINTS, 1), Ingested.event(event("e-1", T0, 4)),
                        Ingested.event(event("e-2", T0, 5))), TypeInformation.of(Ingested.class))
                .process(new RouteIngested()).returns(EventSerializers.CX_EVENT).name("route-events")
                .sinkTo(new DiscardingSink<>());
        JobID job = env.execute("rejected").getJobID();

        assertThat(counter(job, "route-events", RouteIngested.REJECTED_METRIC, Map.of("topic", Topics.CLICKS))).isEqualTo(3);
        assertThat(counter(job, "route-events", RouteIngested.REJECTED_METRIC, Map.of("topic", Topics.COMPLAINTS))).isEqualTo(1);
        // every input topic reports from the start, so a rate is 0 rather than missing
        assertThat(counter(job, "route-events", RouteIngested.REJECTED_METRIC, Map.of("topic", Topics.SOCIAL_MENTIONS))).isZero();
    }

    @Test
    void duplicatesDroppedAndLateEventsAreCounted() throws Exception {
        StreamExecutionEnvironment env = env();
        env.fromData(List.of(
                        event("a", T0 + 10_000, 1), event("b", T0 + 20_000, 2),
                        event("a", T0 + 10_000, 3), // a producer's retry
                        event("c", T0 + 5_000, 4), // behind the watermark (20 s)
                        event("d", T0 + 30_000, 5), event("b", T0 + 20_000, 6)), EventSerializers.CX_EVENT)
                .assignTimestampsAndWatermarks(watermarkAfterEachRecord(CxEvent::eventTimeMs))
                .keyBy(DedupeByEventId::keyOf)
                .process(new DedupeByEventId(Duration.ofHours(1))).returns(EventSerializers.CX_EVENT).name("dedupe-by-event-id")
                .process(new FlagLateEvents()).name("flag-late")
                .sinkTo(new DiscardingSink<>());
        JobID job = env.execute("dedupe and late").getJobID();

        assertThat(counter(job, "dedupe-by-event-id", DedupeByEventId.DUPLICATES_METRIC)).isEqualTo(2);
        assertThat(counter(job, "flag-late", FlagLateEvents.LATE_METRIC)).isEqualTo(1);
    }

    @Test
    void aggregatesCountLateEventsTheyRevisePutApartOrCannotPlace() throws Exception {
        StreamExecutionEnvironment env = env();
        // the minutes allow 1 h of lateness; the hourly rollup (wrongly) none, so it lets go of hour 0 at 01:00
        env.fromData(List.of(
                        metric("m-1", T0 + 10_000),                      // minute 0
                        metric("m-2", T0 + Duration.ofMinutes(60).plusSeconds(30).toMillis()),
                        metric("m-3", T0 + 20_000),                      // minute 0 again, within its lateness: revision 2
                        metric("m-4", T0 + Duration.ofMinutes(60).plusSeconds(40).toMillis()),
                        metric("m-5", T0 + Duration.ofHours(3).toMillis()),
                        metric("m-6", T0 + 30_000)),                     // minute 0 beyond its lateness: a row of its own
                        TypeInformation.of(MetricEvent.class))
                .assignTimestampsAndWatermarks(watermarkAfterEachRecord(MetricEvent::eventTimeMs))
                .keyBy(MetricEvent::minuteKey)
                .process(new MinuteMetrics(Duration.ofHours(1))).name("metrics-1m")
                .keyBy(r -> RollupMetrics.keyOf(Grain.HOUR, r))
                .process(new RollupMetrics(Grain.HOUR, Duration.ZERO)).name("metrics-1h")
                .sinkTo(new DiscardingSink<MetricRow>());
        JobID job = env.execute("late metrics").getJobID();

        assertThat(counter(job, "metrics-1m", MinuteMetrics.LATE_REVISED_METRIC)).isEqualTo(1);
        assertThat(counter(job, "metrics-1m", MinuteMetrics.LATE_OWN_ROW_METRIC)).isEqualTo(1);
        // minute 0's revision 2 reached the rollup after it had let go of hour 0
        assertThat(counter(job, "metrics-1h", RollupMetrics.LATE_MINUTES_DROPPED_METRIC)).isEqualTo(1);
    }

    @Test
    void alertsRaisedAreCountedPerKindOncePerAlert() throws Exception {
        StreamExecutionEnvironment env = env();
        env.fromData(List.of(
                        alert("churn_risk-c1-1", "churn_risk", Alert.OPEN, 1),
                        alert("churn_risk-c1-1", "churn_risk", Alert.ESCALATED, 2),
                        alert("churn_risk-c2-1", "churn_risk", Alert.OPEN, 1),
                        alert("complaint_spike-billing-7", "complaint_spike", Alert.OPEN, 1),
                        alert("complaint_spike-billing-7", "complaint_spike", Alert.RESOLVED, 2)), TypeInformation.of(Alert.class))
                .map(new CountAlerts()).name("count-alerts")
                .sinkTo(new DiscardingSink<>());
        JobID job = env.execute("alerts").getJobID();

        assertThat(counter(job, "count-alerts", CountAlerts.RAISED_METRIC, Map.of("kind", "churn_risk"))).isEqualTo(2);
        assertThat(counter(job, "count-alerts", CountAlerts.RAISED_METRIC, Map.of("kind", "complaint_spike"))).isEqualTo(1);
        assertThat(counter(job, "count-alerts", CountAlerts.RAISED_METRIC, Map.of("kind", "viral_negative_mention"))).isZero();
    }

    private static StreamExecutionEnvironment env() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        return env;
    }

    /** The counter's value summed over the operator's subtasks; fails when the reporter never saw it. */
    private static long counter(JobID job, String operator, String name) {
        return counter(job, operator, name, Map.of());
    }

    /** @param labels the counter's labels ({@code addGroup(key, value)}), e.g. topic → cx.clicks */
    private static long counter(JobID job, String operator, String name, Map<String, String> labels) {
        List<Counter> found = new ArrayList<>();
        REPORTER.getMetricsByGroup().forEach((group, metrics) -> {
            Map<String, String> vars = group.getAllVariables();
            boolean matches = job.toHexString().equals(vars.get("<job_id>")) && operator.equals(vars.get("<operator_name>"))
                    && labels.entrySet().stream().allMatch(l -> l.getValue().equals(vars.get("<" + l.getKey() + ">")));
            if (matches && metrics.get(name) instanceof Counter c) {
                found.add(c);
            }
        });
        assertThat(found).as("counter %s%s of %s", name, labels, operator).isNotEmpty();
        return found.stream().mapToLong(Counter::getCount).sum();
    }

    /** Event time moves with every record, so a record behind an earlier one is behind the watermark. */
    private static <T> WatermarkStrategy<T> watermarkAfterEachRecord(EventTime<T> time) {
        return WatermarkStrategy.<T>forGenerator(ctx -> new WatermarkGenerator<>() {
            private long max = Long.MIN_VALUE;

            @Override
            public void onEvent(T event, long timestamp, WatermarkOutput output) {
                max = Math.max(max, timestamp);
                output.emitWatermark(new Watermark(max));
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {}
        }).withTimestampAssigner(ctx -> (TimestampAssigner<T>) (e, previous) -> time.of(e));
    }

    /** Serializable, as the job graph ships the watermark strategy to the tasks. */
    private interface EventTime<T> extends java.io.Serializable {
        long of(T record);
    }

    private static CxEvent event(String id, long time, long offset) {
        return new CxEvent(id, EventType.CLICK, "view", "c1", time, null, null, "s", null, null, null, null, null,
                null, null, "/", null, null, null, null, null, new SourceRef(Topics.CLICKS, 0, offset, time), "{}");
    }

    private static Ingested rejected(String topic, long offset) {
        return Ingested.error(new IngestError(new SourceRef(topic, 0, offset, T0), null, "not valid JSON", null, "{",
                "utf8", 1, false));
    }

    private static MetricEvent metric(String id, long time) {
        return new MetricEvent(id, time, "click", "web", "", "north", "c1", Double.NaN, false, false, false, null,
                false, false);
    }

    private static Alert alert(String id, String kind, String status, int revision) {
        return new Alert(id, kind, "high", status, revision, "customer", "c1", "c1", "", "app", "north",
                "account-management", "", "", "why", "为什么", new String[0], new String[0], new double[0], T0, T0, T0);
    }
}
