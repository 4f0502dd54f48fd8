-- One row per rejected input record, keyed on its Kafka coordinates so that a replay rewrites the same row.
CREATE TABLE IF NOT EXISTS {db}.ingest_errors
(
    error_id           String   COMMENT 'topic/partition@offset of the rejected record',
    source_topic       String   COMMENT 'Kafka topic it was read from',
    source_partition   Int32    COMMENT 'Kafka partition',
    source_offset      Int64    COMMENT 'Kafka offset',
    kafka_timestamp    DateTime('UTC') COMMENT 'Kafka record timestamp, UTC',
    record_key         String   COMMENT 'Kafka record key (customer_id by convention), as text',
    reason             String   COMMENT 'What was wrong, naming the field where one is at fault',
    field              String   COMMENT 'JSON path of the offending field ($.action), empty when the record as a whole is at fault',
    payload            String   COMMENT 'Raw record, truncated to 16384 bytes; UTF-8 text, or base64 when payload_encoding = base64. Personal data',
    payload_encoding   String   COMMENT 'utf8 | base64',
    payload_bytes      UInt32   COMMENT 'Size of the whole raw record in bytes',
    payload_truncated  UInt8    COMMENT '1 when payload holds only the first 16384 bytes',
    rejected_at        DateTime('UTC') COMMENT 'When the job rejected it (processing time, UTC)'
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(kafka_timestamp)
ORDER BY (source_topic, source_partition, source_offset);
