-- Latest profile per customer from cx.customers (versions ordered by updated_at), for joins by customer_id.
CREATE TABLE IF NOT EXISTS {db}.customers
(
    customer_id            String   COMMENT 'The customer',
    updated_at             DateTime('UTC') COMMENT 'When this version of the profile was written; the latest wins',
    name                   String   COMMENT 'Display name. Personal data',
    segment                String   COMMENT 'Business segment',
    tier                   String   COMMENT 'vip | gold | standard',
    region                 String   COMMENT 'Region',
    account_manager        String   COMMENT 'Account manager who owns the customer',
    account_manager_email  String   COMMENT 'Where the manager''s alerts go. Personal data',
    handle_platforms       Array(String) COMMENT 'Social platforms of the handles, parallel to handles',
    handles                Array(String) COMMENT 'Social handles, parallel to handle_platforms',
    marketing_opt_in       Nullable(UInt8)   COMMENT '1 when the customer agreed to marketing contact',
    lifetime_value         Nullable(Float64) COMMENT 'Lifetime value in the account currency',
    contract_renewal_date  Nullable(Date)    COMMENT 'Next contract renewal',
    source_topic           String   COMMENT 'Kafka topic it was read from',
    source_partition       Int32    COMMENT 'Kafka partition',
    source_offset          Int64    COMMENT 'Kafka offset'
)
ENGINE = ReplacingMergeTree(updated_at)
ORDER BY customer_id;
