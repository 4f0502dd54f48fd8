package io.cxpulse.identity;

import io.cxpulse.model.CustomerProfile;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** One claim per handle a profile carries. */
public final class ProfileHandles implements FlatMapFunction<CustomerProfile, HandleClaim> {

    @Override
    public void flatMap(CustomerProfile profile, Collector<HandleClaim> out) {
        for (Map.Entry<String, String> handle : profile.handles().entrySet()) {
            if (handle.getValue() != null && !handle.getValue().isBlank()) {
                out.collect(new HandleClaim(HandleClaim.key(handle.getKey(), handle.getValue()), profile.customerId(),
                        profile.updatedAtMs()));
            }
        }
    }
}
