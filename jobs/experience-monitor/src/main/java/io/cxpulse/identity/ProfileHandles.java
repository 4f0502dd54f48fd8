package io.cxpulse.identity;

import io.cxpulse.model.CustomerProfile;
import io.cxpulse.profile.Erasure;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** One claim per handle a profile carries; an erasure releases each handle it names instead. */
public final class ProfileHandles implements FlatMapFunction<CustomerProfile, HandleChange> {

    @Override
    public void flatMap(CustomerProfile profile, Collector<HandleChange> out) {
        boolean erasure = Erasure.isErasure(profile);
        for (Map.Entry<String, String> handle : profile.handles().entrySet()) {
            if (handle.getValue() != null && !handle.getValue().isBlank()) {
                HandleClaim claim = new HandleClaim(HandleClaim.key(handle.getKey(), handle.getValue()),
                        profile.customerId(), profile.updatedAtMs());
                out.collect(erasure ? HandleChange.releasedBy(claim) : HandleChange.claimed(claim));
            }
        }
    }
}
