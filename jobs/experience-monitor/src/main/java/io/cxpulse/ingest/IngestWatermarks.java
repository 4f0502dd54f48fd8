package io.cxpulse.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event time with bounded disorder and idle partitions. Rejected records carry no trustworthy time, so they never
 * move the watermark (Long.MIN_VALUE is ignored by the bounded-out-of-orderness generator's max).
 */
public final class IngestWatermarks {

    private IngestWatermarks() {}

    public static WatermarkStrategy<Ingested> forEvents(Duration maxOutOfOrderness, Duration idleTimeout) {
        return WatermarkStrategy.<Ingested>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withTimestampAssigner((r, kafkaTs) -> r.event() != null ? r.event().eventTimeMs() : Long.MIN_VALUE)
                .withIdleness(idleTimeout);
    }

    /** Profiles are ordered by updated_at; a quiet profile topic must not hold back the events' event time. */
    public static WatermarkStrategy<Ingested> forProfiles(Duration maxOutOfOrderness, Duration idleTimeout) {
        return WatermarkStrategy.<Ingested>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withTimestampAssigner((r, kafkaTs) -> r.profile() != null ? r.profile().updatedAtMs() : Long.MIN_VALUE)
                .withIdleness(idleTimeout);
    }
}
