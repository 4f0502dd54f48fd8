package io.cxpulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.RelativeClock;
import org.apache.flink.util.clock.SystemClock;
import org.junit.jupiter.api.Test;

class IngestWatermarksTest {

    /** What a generator said: watermarks in order, and whether it declared itself idle. */
    private static final class Recorded implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();
        boolean idle;

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
            idle = false;
        }

        @Override
        public void markIdle() {
            idle = true;
        }

        @Override
        public void markActive() {
            idle = false;
        }
    }

    private static WatermarkGenerator<Ingested> generator(WatermarkStrategy<Ingested> strategy) {
        return strategy.createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
            @Override
            public MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public RelativeClock getInputActivityClock() {
                return SystemClock.getInstance();
            }
        });
    }

    @Test
    void profilesNeverHoldEventTimeBackEvenBeforeTheFirstProfile() {
        WatermarkGenerator<Ingested> profiles = generator(IngestWatermarks.forProfiles());
        Recorded out = new Recorded();
        profiles.onPeriodicEmit(out); // a restored job: nothing new on cx.customers
        profiles.onEvent(null, 1_000L, out); // a profile's updated_at moves nothing
        profiles.onPeriodicEmit(out);
        assertThat(out.watermarks).containsExactly(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    @Test
    void eventsFollowTheirTimesLessTheDisorderBound() {
        WatermarkGenerator<Ingested> events = generator(IngestWatermarks.forEvents(Duration.ofSeconds(30), Duration.ofMinutes(1)));
        Recorded out = new Recorded();
        events.onEvent(null, 100_000L, out);
        events.onPeriodicEmit(out);
        assertThat(out.watermarks).containsExactly(100_000L - 30_000L - 1);
    }
}
