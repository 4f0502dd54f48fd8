-- One row per accepted input event, all four streams in one normalised log.
-- Replays rewrite the same row: ReplacingMergeTree keyed on (customer_id, event_time, event_id); query with FINAL
-- (or count(DISTINCT event_id)) for exact figures before background merges have run.
CREATE TABLE IF NOT EXISTS {db}.events
(
    event_id             String   COMMENT 'Producer''s unique id of the event; a retried duplicate is counted once',
    event_type           String   COMMENT 'click | complaint | social_mention | service_event',
    kind                 String   COMMENT 'The stream''s own verb: click action, complaint status, service event type, or mention',
    customer_id          String   COMMENT 'The customer; empty for a social mention not resolved to a customer',
    customer_source      String   COMMENT 'event: named in the event | handle: a mention resolved through its author''s handle | empty: unresolved',
    event_time           DateTime('UTC') COMMENT 'When it happened, UTC, to the second',
    event_time_ms        Int64    COMMENT 'When it happened, Unix epoch milliseconds',
    channel              String   COMMENT 'Complaint channel, social platform, or click device',
    category             String   COMMENT 'Complaint category: the producer''s, or classified from the text by the taxonomy',
    category_source      String   COMMENT 'producer | classified; empty without a category',
    case_id              String   COMMENT 'Groups related events: click session_id, complaint_id, service case_id',
    text                 String   COMMENT 'Customer text as written (complaints, mentions, survey verbatims). Personal data',
    severity             Nullable(UInt8)   COMMENT 'Complaint severity 1-5',
    duration_ms          Nullable(Int64)   COMMENT 'Click: time on page, ms',
    wait_ms              Nullable(Int64)   COMMENT 'Service: how long the customer waited, ms',
    handle_ms            Nullable(Int64)   COMMENT 'Service: handling time, ms',
    score                Nullable(Float64) COMMENT 'Service: NPS (0-10) or CSAT (1-5) score',
    department           String   COMMENT 'Complaint: department its category routes to; service event: department that handled it',
    page                 String   COMMENT 'Click: page or screen; social: post URL',
    platform             String   COMMENT 'Social: platform',
    author_handle        String   COMMENT 'Social: author''s handle',
    author_followers     Nullable(Int64)   COMMENT 'Social: author''s audience (reach)',
    likes                Nullable(Int64)   COMMENT 'Social: likes',
    shares               Nullable(Int64)   COMMENT 'Social: shares/reposts',
    sentiment            Nullable(Float32) COMMENT 'Sentiment of text in [-1, 1], negative < 0 < positive; null without text',
    sentiment_confidence Nullable(Float32) COMMENT 'Confidence of the sentiment in [0, 1]',
    language             String   COMMENT 'Language of text: zh | en | other; empty without text',
    model_version        String   COMMENT 'Version of the text model that scored it',
    late                 UInt8    COMMENT '1 when it arrived after the watermark had passed its event time (stored all the same)',
    source_topic         String   COMMENT 'Kafka topic it was read from',
    source_partition     Int32    COMMENT 'Kafka partition',
    source_offset        Int64    COMMENT 'Kafka offset',
    ingested_at          DateTime('UTC') COMMENT 'When the job wrote it (processing time, UTC)',
    payload              String   COMMENT 'The record exactly as the producer sent it (JSON). Personal data'
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(event_time)
ORDER BY (customer_id, event_time, event_id);
