package io.cxpulse.job;

import io.cxpulse.config.ConfigDefaults;
import io.cxpulse.config.ConfigException;
import io.cxpulse.config.JobConfig;
import io.cxpulse.config.JobOptions;
import io.cxpulse.dedupe.DedupeByEventId;
import io.cxpulse.dedupe.FlagLateEvents;
import io.cxpulse.churn.CustomerScore;
import io.cxpulse.churn.ScoreCustomer;
import io.cxpulse.churn.CustomerUpdate;
import io.cxpulse.aggregate.AlertMinutes;
import io.cxpulse.aggregate.Grain;
import io.cxpulse.aggregate.MetricEvent;
import io.cxpulse.aggregate.MetricEvents;
import io.cxpulse.aggregate.MetricRow;
import io.cxpulse.aggregate.MinuteMetrics;
import io.cxpulse.aggregate.RollupMetrics;
import io.cxpulse.alerts.Alert;
import io.cxpulse.alerts.CountAlerts;
import io.cxpulse.alerts.customer.CustomerAlertRules;
import io.cxpulse.alerts.ops.DetectIncidents;
import io.cxpulse.alerts.ops.DetectViralMentions;
import io.cxpulse.alerts.ops.ScopeMinute;
import io.cxpulse.alerts.ops.ScopeMinutes;
import io.cxpulse.enrich.EnrichText;
import io.cxpulse.enrich.EventSerializers;
import io.cxpulse.identity.HandleChange;
import io.cxpulse.identity.ProfileHandles;
import io.cxpulse.identity.ResolveMentionAuthors;
import io.cxpulse.identity.SplitUnattributedMentions;
import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.ingest.Ingested;
import io.cxpulse.ingest.IngestWatermarks;
import io.cxpulse.ingest.RouteIngested;
import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.IngestError;
import io.cxpulse.profile.Erasure;
import io.cxpulse.sink.clickhouse.ClickHouseMigrations;
import io.cxpulse.sink.clickhouse.ClickHouseSettings;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The experience-monitor job:
 * <pre>
 *  Kafka cx.clicks, cx.complaints,        ─► decode + validate ─┬─► dedupe ─► enrich text ─┬──────────────────────────┬─► events
 *        cx.social-mentions, cx.service-events                  │                           └─► resolve mention authors ┘   │
 *                                                               └─► ingest_errors, cx.dead-letter   (by handle)              │
 *  Kafka cx.customers ─► decode + validate ─► customers, handle claims, profiles ──────────► per-customer state + churn score ◄┘
 *                                                                                             │ ─► customer_scores(_latest)
 *                         every update of every customer (same partitioning, chained) ◄───────┘
 *                          ├─► customer alert rules ─► alerts, cx.alerts, webhook; cx.contact-suppression
 *                          └─► per-minute metrics ─► metrics_1m ─► hourly, daily rollups ─► metrics_1h, metrics_1d
 *                                                  └─► ops incident rules (+ viral mentions) ─► alerts, cx.alerts, webhook
 *                                                      alerts ─► alerts fired per minute ─► metrics_1m
 * </pre>
 * Sources and sinks are passed in, so tests run this very topology on their own inputs and outputs.
 */
@Command(name = "experience-monitor", mixinStandardHelpOptions = true,
        description = "CX Pulse's Flink job: Kafka in, ClickHouse and Kafka out.")
public final class ExperienceMonitorJob implements Callable<Integer> {

    public static final String JOB_NAME = "experience-monitor";
    private static final Logger LOG = LoggerFactory.getLogger(ExperienceMonitorJob.class);
    /**
     * Writers of each output that carries few rows (all but the events and the webhook); one writes tens of thousands
     * of rows a second into ClickHouse, far more than these outputs carry at the loads in docs/platform.md.
     */
    static final int FEW_ROWS_WRITERS = 1;
    /**
     * Buffer timeout of the alert rules' outputs: a few alerts a second would otherwise wait up to Flink's 100 ms for a
     * network buffer to fill before they travel on to the notifications.
     */
    static final long ALERTS_LEAVE_AT_ONCE = 0;

    @Mixin
    JobOptions options = new JobOptions();

    /** Builds the data flow on {@code env}; reads as the diagram above. */
    public static void build(StreamExecutionEnvironment env, JobConfig config, JobSources sources, JobSinks sinks) {
        DataStream<Ingested> eventRecords = env.fromSource(sources.events(),
                IngestWatermarks.forEvents(config.maxOutOfOrderness(), config.idleTimeout()), "kafka-events")
                .uid("source-events");
        DataStream<Ingested> profileRecords = env.fromSource(sources.profiles(),
                IngestWatermarks.forProfiles(config.maxOutOfOrderness(), config.idleTimeout()), "kafka-profiles")
                .uid("source-profiles");

        SingleOutputStreamOperator<CxEvent> events = eventRecords.process(new RouteIngested())
                .returns(EventSerializers.CX_EVENT).name("route-events").uid("route-events");
        SingleOutputStreamOperator<CxEvent> profilesRouted = profileRecords.process(new RouteIngested())
                .returns(EventSerializers.CX_EVENT).name("route-profiles").uid("route-profiles");
        DataStream<CustomerProfile> profiles = profilesRouted.getSideOutput(RouteIngested.PROFILES);
        DataStream<IngestError> rejected = events.getSideOutput(RouteIngested.REJECTED)
                .union(profilesRouted.getSideOutput(RouteIngested.REJECTED));

        SingleOutputStreamOperator<EnrichedEvent> enriched = events
                // keyed by customer, like the scoring: her events reach it over one channel, in the order read
                .keyBy(DedupeByEventId::keyOf)
                .process(new DedupeByEventId(config.dedupeTtl())).returns(EventSerializers.CX_EVENT)
                .name("dedupe-by-event-id").uid("dedupe-per-customer")
                .process(new FlagLateEvents()).name("flag-late").uid("flag-late")
                .map(new EnrichText(config.sentimentModel(), config.taxonomy())).name("enrich-text").uid("enrich-text")
                .process(new SplitUnattributedMentions()).name("split-unattributed-mentions").uid("split-mentions");

        SingleOutputStreamOperator<EnrichedEvent> resolved = enriched.getSideOutput(SplitUnattributedMentions.UNATTRIBUTED)
                .keyBy(SplitUnattributedMentions::handleKeyOf)
                .connect(profiles.flatMap(new ProfileHandles()).name("profile-handles").keyBy(HandleChange::handleKey))
                .process(new ResolveMentionAuthors(config.handleWait(), config.scoring().stateTtl()))
                .name("resolve-mention-authors").uid("resolve-mention-authors");

        // Every accepted event leaves by one of two ways: enriched (it named its customer) or resolved (a mention,
        // attributed by handle or, after the wait, not). Each way writes its events where they are decided, and what
        // travels on to the rules and state drops the text and raw payload (only the events table keeps them): no
        // event is shipped across the network more than twice, and no customer text sits in state.
        enriched.sinkTo(sinks.events()).name("clickhouse-events").uid("sink-events");
        resolved.sinkTo(sinks.events()).name("clickhouse-events-resolved-mentions").uid("sink-events-resolved-mentions");
        DataStream<EnrichedEvent> toScore = enriched.map(EnrichedEvent::withoutText).name("without-text")
                .union(resolved.filter(e -> e.event().customerId() != null).name("with-customer")
                        .map(EnrichedEvent::withoutText).name("resolved-without-text"));

        SingleOutputStreamOperator<CustomerScore> scores = toScore
                .keyBy(e -> e.event().customerId())
                .connect(profiles.keyBy(CustomerProfile::customerId))
                .process(new ScoreCustomer(config.scoring())).name("score-customers").uid("score-customers");
        // still partitioned by customer_id: the customer rules chain to the scoring without another shuffle
        KeyedStream<CustomerUpdate, String> updates = DataStreamUtils.reinterpretAsKeyedStream(
                scores.getSideOutput(ScoreCustomer.UPDATES), CustomerUpdate::customerId);

        SingleOutputStreamOperator<Alert> customerAlerts = updates
                .process(new CustomerAlertRules(config.alertRules().customer(), config.scoring().stateTtl()))
                .name("customer-alert-rules").uid("customer-alert-rules")
                .setBufferTimeout(ALERTS_LEAVE_AT_ONCE);

        SingleOutputStreamOperator<MetricRow> eventMinutes = updates
                .filter(MetricEvents::hasEvent).name("updates-with-event")
                .map(MetricEvents::of).name("metric-event")
                .union(resolved.filter(e -> e.event().customerId() == null).name("unattributed")
                        .map(MetricEvents::ofUnresolved).name("metric-event-unattributed"))
                .keyBy(MetricEvent::minuteKey)
                .process(new MinuteMetrics(config.metricsAllowedLateness())).name("metrics-1m").uid("metrics-1m");

        DataStream<Alert> opsAlerts = eventMinutes
                .flatMap(new ScopeMinutes()).name("scope-minutes")
                .keyBy(ScopeMinute::key)
                .process(new DetectIncidents(config.alertRules().ops(), config.taxonomy()))
                .name("detect-incidents").uid("detect-incidents").setBufferTimeout(ALERTS_LEAVE_AT_ONCE)
                .union(enriched.filter(DetectViralMentions::isMention).name("mentions")
                        .map(EnrichedEvent::withoutText).name("mentions-without-text")
                        .union(resolved.filter(DetectViralMentions::isMention).name("resolved-mentions")
                                .map(EnrichedEvent::withoutText).name("resolved-mentions-without-text"))
                        .keyBy(DetectViralMentions.byAuthor())
                        .process(new DetectViralMentions(config.alertRules().ops()))
                        .name("detect-viral-mentions").uid("detect-viral-mentions")
                        .setBufferTimeout(ALERTS_LEAVE_AT_ONCE));
        // one counting step in front of every alert output: the alertsRaised metric per kind
        DataStream<Alert> alerts = customerAlerts.union(opsAlerts)
                .map(new CountAlerts()).name("count-alerts").uid("count-alerts");

        // alerts are counted in metrics_1m by an operator of their own: fed back into the events' minutes they would
        // make a cycle (the ops rules read those minutes)
        DataStream<MetricRow> alertMinutes = alerts
                .filter(AlertMinutes::counts).name("alert-openings")
                .map(AlertMinutes::of).name("alert-metric-event")
                .keyBy(MetricEvent::minuteKey)
                .process(new MinuteMetrics(config.metricsAllowedLateness())).name("metrics-alerts-1m").uid("metrics-alerts-1m");
        DataStream<MetricRow> minutes = eventMinutes.union(alertMinutes);
        DataStream<MetricRow> hours = minutes.keyBy(r -> RollupMetrics.keyOf(Grain.HOUR, r))
                .process(new RollupMetrics(Grain.HOUR, config.metricsAllowedLateness())).name("metrics-1h").uid("metrics-1h");
        DataStream<MetricRow> days = minutes.keyBy(r -> RollupMetrics.keyOf(Grain.DAY, r))
                .process(new RollupMetrics(Grain.DAY, config.metricsAllowedLateness())).name("metrics-1d").uid("metrics-1d");

        // Every output below but the webhook carries a small fraction of the events' rows (a score that moved, an alert,
        // a rejected record, a metric minute) and has one writer: each ClickHouse insert makes a part and each Kafka sink subtask commits a
        // transaction per checkpoint, whatever their size, so p writers of a few rows cost the servers p times as much
        // as one; and the scoring task no longer waits at every checkpoint for the inserts of its score rows.
        scores.sinkTo(sinks.customerScores()).name("clickhouse-customer-scores").uid("sink-customer-scores")
                .setParallelism(FEW_ROWS_WRITERS);
        scores.sinkTo(sinks.latestCustomerScores()).name("clickhouse-customer-scores-latest").uid("sink-customer-scores-latest")
                .setParallelism(FEW_ROWS_WRITERS);
        // an erasure (a cx.customers tombstone) reaches the keyed operators above as a profile, but is no profile row
        profiles.filter(Erasure::isProfile).name("profiles-not-erasures")
                .sinkTo(sinks.customers()).name("clickhouse-customers").uid("sink-customers").setParallelism(FEW_ROWS_WRITERS);
        rejected.sinkTo(sinks.ingestErrors()).name("clickhouse-ingest-errors").uid("sink-ingest-errors")
                .setParallelism(FEW_ROWS_WRITERS);
        rejected.sinkTo(sinks.deadLetter()).name("kafka-dead-letter").uid("sink-dead-letter").setParallelism(FEW_ROWS_WRITERS);
        alerts.sinkTo(sinks.alerts()).name("clickhouse-alerts").uid("sink-alerts").setParallelism(FEW_ROWS_WRITERS);
        alerts.sinkTo(sinks.alertsTopic()).name("kafka-alerts").uid("sink-kafka-alerts").setParallelism(FEW_ROWS_WRITERS);
        customerAlerts.getSideOutput(CustomerAlertRules.SUPPRESSION).sinkTo(sinks.contactSuppression())
                .name("kafka-contact-suppression").uid("sink-contact-suppression").setParallelism(FEW_ROWS_WRITERS);
        minutes.sinkTo(sinks.metrics1m()).name("clickhouse-metrics-1m").uid("sink-metrics-1m").setParallelism(FEW_ROWS_WRITERS);
        hours.sinkTo(sinks.metrics1h()).name("clickhouse-metrics-1h").uid("sink-metrics-1h").setParallelism(FEW_ROWS_WRITERS);
        days.sinkTo(sinks.metrics1d()).name("clickhouse-metrics-1d").uid("sink-metrics-1d").setParallelism(FEW_ROWS_WRITERS);
        if (sinks.webhook() != null) {
            // in the task that counts the alerts, not behind a network exchange of its own: an account manager's
            // notification is the one output read the moment it is written
            alerts.sinkTo(sinks.webhook()).name("webhook").uid("sink-webhook");
        }
    }

    /** Checkpointing and state backend as the product needs them; the cluster may add to this configuration. */
    public static Configuration flinkConfiguration(JobConfig config) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        // every record type is an immutable record and no operator keeps or changes its input, so chained operators
        // can share one object instead of each receiving a serializer copy (a third of the scoring task's time)
        conf.set(PipelineOptions.OBJECT_REUSE, true);
        if (config.checkpointDir() != null) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir());
        }
        return conf;
    }

    /** Applies pending ClickHouse migrations when the configuration asks for it. */
    public static void migrate(JobConfig config) {
        if (!config.applyMigrations()) {
            return;
        }
        try (var client = ClickHouseSettings.from(config).newClient()) {
            ClickHouseMigrations.Report report = ClickHouseMigrations.apply(client, config.clickhouseDatabase());
            LOG.info("ClickHouse {} at {}: migrations {}", report.serverVersion(), config.clickhouseUrl(), report.outcomes());
        }
    }

    @Override
    public Integer call() throws Exception {
        JobClient client = submit(options.toConfig(System.getenv()));
        LOG.info("submitted {} as job {}", JOB_NAME, client.getJobID());
        return 0;
    }

    /** What the entry point does with its configuration: logs it (never a secret), migrates, submits the job. */
    public static JobClient submit(JobConfig config) throws Exception {
        LOG.info("{}", config.describe());
        migrate(config);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(config));
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        build(env, config, JobSources.kafka(config), JobSinks.production(config));
        return env.executeAsync(JOB_NAME);
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ExperienceMonitorJob());
        try {
            cli.setDefaultValueProvider(ConfigDefaults.from(args, System.getenv()));
        } catch (ConfigException e) {
            System.err.println("experience-monitor: " + e.getMessage());
            System.exit(2);
        }
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException) {
                cmd.getErr().println("experience-monitor: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        int code = cli.execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
