package io.cxpulse.aggregate;

/**
 * One row of {@code metrics_1m} (and of the hourly and daily rollups): the figures of one time bucket × stream ×
 * channel × category × region. Dimensions absent for a stream are "" (e.g. a click has no category). Rows are keyed
 * by (bucket, dimensions): a bucket re-emitted with late events, or replayed, replaces its row.
 *
 * @param bucketStartMs      start of the minute (hour, day) in event time, UTC
 * @param grain              {@code 1m | 1h | 1d}
 * @param stream             event_type: click | complaint | social_mention | service_event, or {@code alert}
 * @param sentimentCount     events with a sentiment score
 * @param sentimentSum       sum of their scores (mean = sum / count)
 * @param negativeCount      of them, those scored negative (&lt; -0.2)
 * @param complaintsOpened   complaints with status opened
 * @param complaintsResolved complaints with status resolved or closed
 * @param slaBreaches        service events sla_breached
 * @param waitCount          events carrying a wait (wait_ms)
 * @param waitMsSum          sum of those waits, ms
 * @param activeCustomers    distinct customers with an event in the bucket (minute rows; rollups: see docs)
 * @param lateEvents         events that arrived after the watermark had passed them
 * @param alertsFired        alerts opened in the bucket (rows of stream {@code alert}: category = the alert kind)
 * @param part               "" for the bucket's row; an event arriving after the bucket's state was let go (beyond the
 *                           allowed lateness) gets a row of its own with part = its event_id, so it still counts and a
 *                           replay rewrites it; queries sum over parts
 * @param revision           how many times this bucket was emitted; the highest wins
 */
public record MetricRow(
        long bucketStartMs,
        String grain,
        String stream,
        String channel,
        String category,
        String region,
        long events,
        long sentimentCount,
        double sentimentSum,
        long negativeCount,
        long complaintsOpened,
        long complaintsResolved,
        long slaBreaches,
        long waitCount,
        long waitMsSum,
        long activeCustomers,
        long lateEvents,
        long alertsFired,
        String part,
        long revision) {

    /** Sentiment below this counts as negative in {@code negativeCount}. */
    public static final double NEGATIVE_BELOW = -0.2;
}
