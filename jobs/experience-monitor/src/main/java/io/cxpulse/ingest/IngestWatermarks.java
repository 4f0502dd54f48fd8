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

    /** How soon a quiet profile partition stops holding event time back. */
    public static final Duration PROFILES_IDLE_AFTER = Duration.ofSeconds(5);

    /**
     * Profiles follow updated_at, but their partitions count as idle after {@link #PROFILES_IDLE_AFTER} (or the events'
     * idle timeout, if shorter). The profile topic is quiet nearly always: a profile changes who a customer is from the
     * moment it is read, it never makes anything late and no timer waits for it. With the events' idle timeout, a
     * restored job, which has no profile left to read, held event time back for that long (a minute of no metrics and
     * no timers after every restart).
     */
    public static WatermarkStrategy<Ingested> forProfiles(Duration maxOutOfOrderness, Duration idleTimeout) {
        Duration idleAfter = idleTimeout.compareTo(PROFILES_IDLE_AFTER) < 0 ? idleTimeout : PROFILES_IDLE_AFTER;
        return WatermarkStrategy.<Ingested>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withTimestampAssigner((r, kafkaTs) -> r.profile() != null ? r.profile().updatedAtMs() : Long.MIN_VALUE)
                .withIdleness(idleAfter);
    }
}
