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
import org.apache.flink.util.clock.ManualClock;
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

    private final ManualClock clock = new ManualClock(1_000_000L);

    private WatermarkGenerator<Ingested> generator(WatermarkStrategy<Ingested> strategy) {
        return strategy.createWatermarkGenerator(new WatermarkGeneratorSupplier.Context() {
            @Override
            public MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
            }

            @Override
            public RelativeClock getInputActivityClock() {
                return clock;
            }
        });
    }

    @Test
    void aQuietProfilePartitionStopsHoldingEventTimeBackWithinSecondsNotAfterTheEventsIdleTimeout() {
        WatermarkGenerator<Ingested> profiles = generator(IngestWatermarks.forProfiles(Duration.ofSeconds(30), Duration.ofMinutes(1)));
        Recorded out = new Recorded();
        profiles.onPeriodicEmit(out); // a restored job: nothing new on cx.customers
        assertThat(out.idle).isFalse();
        clock.advanceTime(IngestWatermarks.PROFILES_IDLE_AFTER.plusMillis(1));
        profiles.onPeriodicEmit(out);
        assertThat(out.idle).as("idle %s after the start, not a minute", IngestWatermarks.PROFILES_IDLE_AFTER).isTrue();
    }

    @Test
    void aQuietEventPartitionHoldsEventTimeBackForTheWholeIdleTimeout() {
        WatermarkGenerator<Ingested> events = generator(IngestWatermarks.forEvents(Duration.ofSeconds(30), Duration.ofMinutes(1)));
        Recorded out = new Recorded();
        events.onEvent(null, 100_000L, out);
        events.onPeriodicEmit(out);
        assertThat(out.watermarks).containsExactly(100_000L - 30_000L - 1);
        clock.advanceTime(Duration.ofMillis(200)); // the next periodic emit sees no new record: quiet from here
        events.onPeriodicEmit(out);
        clock.advanceTime(Duration.ofSeconds(30));
        events.onPeriodicEmit(out);
        assertThat(out.idle).as("quiet 30 s of a 1 min idle timeout").isFalse();
        clock.advanceTime(Duration.ofSeconds(31));
        events.onPeriodicEmit(out);
        assertThat(out.idle).isTrue();
    }
}
