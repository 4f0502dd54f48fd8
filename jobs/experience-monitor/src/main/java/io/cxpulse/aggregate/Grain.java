package io.cxpulse.aggregate;

/** The time buckets of the metrics tables, aligned to UTC (epoch milliseconds divide evenly into them). */
public enum Grain {
    MINUTE("1m", 60_000L),
    HOUR("1h", 3_600_000L),
    DAY("1d", 86_400_000L);

    /** Joins a key's parts; a control character no dimension value carries, so two dimension sets never share a key. */
    private static final char SEPARATOR = '\u001f';

    private final String wireName;
    private final long sizeMs;

    Grain(String wireName, long sizeMs) {
        this.wireName = wireName;
        this.sizeMs = sizeMs;
    }

    /** {@code 1m | 1h | 1d}: {@link MetricRow#grain()}. */
    public String wireName() {
        return wireName;
    }

    public long startOf(long timeMs) {
        return Math.floorDiv(timeMs, sizeMs) * sizeMs;
    }

    public long endOf(long bucketStartMs) {
        return bucketStartMs + sizeMs;
    }

    /** The key of one bucket's state: its start and dimensions. */
    public String keyOf(long timeMs, String stream, String channel, String category, String region) {
        return String.valueOf(startOf(timeMs)) + SEPARATOR + stream + SEPARATOR + channel + SEPARATOR + category
                + SEPARATOR + region;
    }
}
