package io.cxpulse.config;

import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/** How the job forgets keyed state: the same rule wherever a key can go quiet for good (customers, event ids). */
public final class StateTtl {

    private StateTtl() {}

    /** Dropped {@code ttl} after it was last written (a read does not keep it alive) and never returned once expired. */
    public static StateTtlConfig afterLastWrite(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
    }
}
