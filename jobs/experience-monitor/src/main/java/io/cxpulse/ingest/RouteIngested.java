package io.cxpulse.ingest;

import io.cxpulse.health.LabelledCounters;
import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.IngestError;
import io.cxpulse.model.Topics;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Events go on; profiles and rejected records leave by their own side outputs. Rejected records are counted per
 * source topic ({@value #REJECTED_METRIC}, label {@value #TOPIC_LABEL}), the pipeline-health figure ops alert on;
 * accepted records are not looked at twice.
 */
public final class RouteIngested extends ProcessFunction<Ingested, CxEvent> {

    public static final OutputTag<IngestError> REJECTED = new OutputTag<>("rejected") {};
    public static final OutputTag<CustomerProfile> PROFILES = new OutputTag<>("profiles") {};
    public static final String TOPIC_LABEL = "topic";
    public static final String REJECTED_METRIC = "rejectedRecords";

    private transient LabelledCounters rejected;

    @Override
    public void open(OpenContext openContext) {
        rejected = new LabelledCounters(getRuntimeContext().getMetricGroup(), TOPIC_LABEL, REJECTED_METRIC,
                Topics.INPUT_TOPICS);
    }

    @Override
    public void processElement(Ingested in, Context ctx, Collector<CxEvent> out) {
        if (in.event() != null) {
            out.collect(in.event());
        } else if (in.profile() != null) {
            ctx.output(PROFILES, in.profile());
        } else {
            rejected.of(in.error().source().topic()).inc();
            ctx.output(REJECTED, in.error());
        }
    }
}
