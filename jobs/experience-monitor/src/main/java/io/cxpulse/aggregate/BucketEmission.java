package io.cxpulse.aggregate;

import org.apache.flink.streaming.api.operators.TimestampedCollector;
import org.apache.flink.util.Collector;

/**
 * When a bucket's row is emitted, shared by {@link MinuteMetrics} and {@link RollupMetrics}: at the bucket's end
 * (event time), and again for changes that came after that, once per watermark advance rather than once per late
 * event; its state is let go {@code allowedLateness} after the bucket's end.
 */
final class BucketEmission {

    private BucketEmission() {}

    /**
     * The timer that emits the bucket's row: its end - 1 while it is open, else the next watermark advance, so late
     * changes that arrive under one watermark are coalesced into one revision.
     */
    static long emitTimer(long bucketEndMs, long watermark) {
        return Math.max(bucketEndMs - 1, watermark + 1);
    }

    static long cleanupTimer(long bucketEndMs, long allowedLatenessMs) {
        return bucketEndMs + allowedLatenessMs;
    }

    /**
     * Emits the row stamped with its bucket's end - 1 whatever the timer that emits it, so rows of one bucket carry one
     * timestamp. The process operators hand functions a {@link TimestampedCollector}; anything else keeps its stamp.
     */
    static void collect(Collector<MetricRow> out, MetricRow row, long bucketEndMs) {
        if (out instanceof TimestampedCollector<MetricRow> stamped) {
            stamped.setAbsoluteTimestamp(bucketEndMs - 1);
        }
        out.collect(row);
    }
}
