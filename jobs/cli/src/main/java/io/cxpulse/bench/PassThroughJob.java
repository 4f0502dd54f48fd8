package io.cxpulse.bench;

import io.cxpulse.config.JobConfig;
import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.ingest.IngestWatermarks;
import io.cxpulse.ingest.RouteIngested;
import io.cxpulse.job.JobSources;
import io.cxpulse.model.CxEvent;
import io.cxpulse.sink.clickhouse.ClickHouseSettings;
import io.cxpulse.sink.clickhouse.ClickHouseSink;
import io.cxpulse.sink.clickhouse.EventRows;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The benchmark's ceiling job: the product's Kafka source and decoding and its {@code events} sink, with nothing in
 * between (no dedupe, enrichment, identity or state). What the full job costs on top of moving the bytes is the gap
 * between the two.
 */
final class PassThroughJob {

    static final String JOB_NAME = "bench-pass-through";

    private PassThroughJob() {}

    static void build(StreamExecutionEnvironment env, JobConfig config) {
        env.fromSource(JobSources.kafka(config).events(),
                        IngestWatermarks.forEvents(config.maxOutOfOrderness(), config.idleTimeout()), "kafka-events")
                .uid("source-events")
                .process(new RouteIngested()).name("route-events").uid("route-events")
                .map(PassThroughJob::unenriched).name("unenriched")
                .sinkTo(new ClickHouseSink<>(ClickHouseSettings.from(config), new EventRows()))
                .name("clickhouse-events").uid("sink-events");
    }

    /** The row the sink would write for an event without text analysis or identity resolution. */
    static EnrichedEvent unenriched(CxEvent e) {
        return new EnrichedEvent(e, false, null, null, null, null, e.category(), null, null,
                e.customerId() == null ? null : "event");
    }
}
