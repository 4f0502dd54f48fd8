package io.cxpulse.aggregate;

/**
 * The state of one bucket (minute, hour or day × dimensions) while it can still change: its figures so far and how
 * often it has been emitted. A Flink POJO (public fields, no-arg constructor) so RocksDB stores it without Kryo.
 */
public class MetricFigures {

    public long bucketStartMs;
    public String stream;
    public String channel;
    public String category;
    public String region;

    public long events;
    public long sentimentCount;
    public double sentimentSum;
    public long negativeCount;
    public long complaintsOpened;
    public long complaintsResolved;
    public long slaBreaches;
    public long waitCount;
    public long waitMsSum;
    public long activeCustomers;
    public long lateEvents;
    public long alertsFired;

    /** Rows emitted so far; the next one is revision + 1. */
    public long revision;
    /** Changed since the last row was emitted. */
    public boolean changed;

    public MetricFigures() {}

    public static MetricFigures of(long bucketStartMs, MetricEvent e) {
        return of(bucketStartMs, e.stream(), e.channel(), e.category(), e.region());
    }

    public static MetricFigures of(long bucketStartMs, MetricRow row) {
        return of(bucketStartMs, row.stream(), row.channel(), row.category(), row.region());
    }

    private static MetricFigures of(long bucketStartMs, String stream, String channel, String category, String region) {
        MetricFigures f = new MetricFigures();
        f.bucketStartMs = bucketStartMs;
        f.stream = stream;
        f.channel = channel;
        f.category = category;
        f.region = region;
        return f;
    }

    /** @param newCustomer the event's customer had no event in this bucket yet */
    public void add(MetricEvent e, boolean newCustomer) {
        events++;
        if (e.hasSentiment()) {
            sentimentCount++;
            // float32 scores add up exactly in a double (unless tiny, |s| < 2^-10, or a million in a minute), so the
            // order events arrive in does not change the sum
            sentimentSum += e.sentiment();
            if (e.sentiment() < MetricRow.NEGATIVE_BELOW) {
                negativeCount++;
            }
        }
        complaintsOpened += e.complaintOpened() ? 1 : 0;
        complaintsResolved += e.complaintResolved() ? 1 : 0;
        slaBreaches += e.slaBreach() ? 1 : 0;
        if (e.waitMs() != null) {
            waitCount++;
            waitMsSum += e.waitMs();
        }
        activeCustomers += newCustomer ? 1 : 0;
        lateEvents += e.late() ? 1 : 0;
        alertsFired += e.alertOpened() ? 1 : 0;
        changed = true;
    }

    /**
     * Adds a finer bucket's row. Distinct customers cannot be summed: the coarser bucket keeps the busiest finer
     * bucket's count, a lower bound of its own (the exact figure is a {@code count(DISTINCT customer_id)} on events).
     */
    public void add(MetricRow row) {
        events += row.events();
        sentimentCount += row.sentimentCount();
        sentimentSum += row.sentimentSum();
        negativeCount += row.negativeCount();
        complaintsOpened += row.complaintsOpened();
        complaintsResolved += row.complaintsResolved();
        slaBreaches += row.slaBreaches();
        waitCount += row.waitCount();
        waitMsSum += row.waitMsSum();
        activeCustomers = Math.max(activeCustomers, row.activeCustomers());
        lateEvents += row.lateEvents();
        alertsFired += row.alertsFired();
        changed = true;
    }

    /** Forgets the figures (not the bucket, nor its revision), to add them up again. */
    public void resetFigures() {
        events = sentimentCount = negativeCount = complaintsOpened = complaintsResolved = slaBreaches = 0;
        waitCount = waitMsSum = activeCustomers = lateEvents = alertsFired = 0;
        sentimentSum = 0;
    }

    /** The bucket's next revision as a row: counts it as emitted. */
    public MetricRow emitRevision(Grain grain) {
        revision++;
        changed = false;
        return toRow(grain, "");
    }

    public MetricRow toRow(Grain grain, String part) {
        return new MetricRow(bucketStartMs, grain.wireName(), stream, channel, category, region, events, sentimentCount,
                sentimentSum, negativeCount, complaintsOpened, complaintsResolved, slaBreaches, waitCount, waitMsSum,
                activeCustomers, lateEvents, alertsFired, part, revision);
    }
}
