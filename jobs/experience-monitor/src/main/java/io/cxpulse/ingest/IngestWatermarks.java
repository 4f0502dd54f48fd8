package io.cxpulse.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
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

    /**
     * Profiles do not take part in event time: their watermark stands at the end of time from the first periodic emit
     * on, so every operator that joins them to events (scoring, handle resolution) follows the events' watermark
     * alone. A profile changes who a customer is from the moment it is read; it never makes anything late, and no
     * timer waits for it. Following updated_at instead, the quiet profile topic held event time back after every
     * restart until its partitions counted as idle ({@code --idle-timeout}): a minute without metrics or timers.
     */
    public static WatermarkStrategy<Ingested> forProfiles() {
        return WatermarkStrategy.<Ingested>forGenerator(context -> new WatermarkGenerator<>() {
                    @Override
                    public void onEvent(Ingested record, long timestamp, WatermarkOutput output) {}

                    @Override
                    public void onPeriodicEmit(WatermarkOutput output) {
                        output.emitWatermark(new Watermark(Long.MAX_VALUE));
                    }
                })
                .withTimestampAssigner((r, kafkaTs) -> r.profile() != null ? r.profile().updatedAtMs() : kafkaTs);
    }
}
