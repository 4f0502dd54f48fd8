-- Per-minute operational metrics, rolled up per hour and per day: one row per bucket × stream × channel × category
-- × region (× part). A bucket re-emitted after late events, or replayed, replaces its row: ReplacingMergeTree keeps
-- the highest revision. Query with FINAL, and sum over part: an event that came after its bucket was final has a row
-- of its own (part = its event_id). Figures agree with events FINAL for the same buckets.
CREATE TABLE IF NOT EXISTS {db}.metrics_1m
(
    bucket_start         DateTime('UTC') COMMENT 'Start of the bucket in event time, UTC (minute, hour or day)',
    bucket_start_ms      Int64    COMMENT 'bucket_start in Unix epoch milliseconds',
    stream               String   COMMENT 'click | complaint | social_mention | service_event (as events.event_type), or alert',
    channel              String   COMMENT 'Complaint channel, social platform, click device, alert channel; empty for service events',
    category             String   COMMENT 'Complaint category; for stream alert the alert kind; else empty',
    region               String   COMMENT 'Customer region from the profile; empty when the customer or region is unknown',
    part                 String   COMMENT 'Empty for the bucket''s row; event_id of an event that arrived after the bucket was final',
    events               UInt64   COMMENT 'Events in the bucket (stream alert: alerts opened)',
    sentiment_count      UInt64   COMMENT 'Events with a sentiment score',
    sentiment_sum        Float64  COMMENT 'Sum of their sentiment scores (-1..1 each)',
    sentiment_mean       Float64  COMMENT 'sentiment_sum / sentiment_count; 0 when no event had a sentiment',
    negative_count       UInt64   COMMENT 'Events with sentiment below -0.2',
    negative_share       Float64  COMMENT 'negative_count / sentiment_count; 0 when no event had a sentiment',
    complaints_opened    UInt64   COMMENT 'Complaint events with status opened',
    complaints_resolved  UInt64   COMMENT 'Complaint events with status resolved or closed',
    sla_breaches         UInt64   COMMENT 'Service events of type sla_breached',
    wait_count           UInt64   COMMENT 'Events carrying a wait (wait_ms)',
    wait_ms_sum          Int64    COMMENT 'Sum of those waits, ms',
    wait_ms_mean         Float64  COMMENT 'wait_ms_sum / wait_count; 0 when no event had a wait',
    active_customers     UInt64   COMMENT 'Distinct customers with an event in the minute; hourly and daily rows: the busiest minute''s (exact distinct counts: events)',
    late_events          UInt64   COMMENT 'Events that arrived after the watermark had passed them',
    alerts_fired         UInt64   COMMENT 'Alerts opened in the bucket (stream alert)',
    revision             UInt64   COMMENT 'How many times the bucket was emitted; the highest is the current row',
    updated_at           DateTime('UTC') COMMENT 'When the job wrote the row (processing time, UTC)'
)
ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (bucket_start, stream, channel, category, region, part);

-- Hourly rollup of metrics_1m, the same columns.
CREATE TABLE IF NOT EXISTS {db}.metrics_1h AS {db}.metrics_1m
ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (bucket_start, stream, channel, category, region, part);

-- Daily (UTC) rollup of metrics_1m, the same columns.
CREATE TABLE IF NOT EXISTS {db}.metrics_1d AS {db}.metrics_1m
ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(bucket_start)
ORDER BY (bucket_start, stream, channel, category, region, part);
