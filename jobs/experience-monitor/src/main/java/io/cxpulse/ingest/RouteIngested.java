package io.cxpulse.ingest;

import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.IngestError;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Events go on; profiles and rejected records leave by their own side outputs. */
public final class RouteIngested extends ProcessFunction<Ingested, CxEvent> {

    public static final OutputTag<IngestError> REJECTED = new OutputTag<>("rejected") {};
    public static final OutputTag<CustomerProfile> PROFILES = new OutputTag<>("profiles") {};

    @Override
    public void processElement(Ingested in, Context ctx, Collector<CxEvent> out) {
        if (in.event() != null) {
            out.collect(in.event());
        } else if (in.profile() != null) {
            ctx.output(PROFILES, in.profile());
        } else {
            ctx.output(REJECTED, in.error());
        }
    }
}
