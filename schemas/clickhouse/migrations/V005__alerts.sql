-- One row per alert: its latest transition (opened → escalated → resolved) wins, by revision. Every transition is also a
-- message on the Kafka topic cx.alerts. Keyed by the deterministic alert_id, so a replay rewrites the same row.
CREATE TABLE IF NOT EXISTS {db}.alerts
(
    alert_id               String   COMMENT 'Deterministic id of the situation (kind, scope, episode): the same after a replay',
    revision               UInt32   COMMENT '1 when opened, +1 per later transition; the row with the highest revision is current',
    kind                   String   COMMENT 'churn_risk | vip_negative_experience | complaint_unresolved | recovery | complaint_spike | sentiment_drop | viral_negative_mention | sla_breach_surge',
    severity               String   COMMENT 'info | warning | high | critical',
    status                 String   COMMENT 'open | escalated | resolved',
    scope_type             String   COMMENT 'customer, or the ops scope: category | category_region | channel | region | mention …',
    scope                  String   COMMENT 'The customer_id, or the scope value(s), e.g. billing or billing|north',
    customer_id            String   COMMENT 'The customer of a customer alert (or the author of a viral mention when known), else empty',
    category               String   COMMENT 'Complaint category the alert is about, else empty',
    channel                String   COMMENT 'Channel (or social platform) the alert is about, else empty',
    region                 String   COMMENT 'Region of the customer or of the scope, else empty',
    route_team             String   COMMENT 'Team it is routed to: account-management, cx-care (no manager on the profile), a department, cx-ops, service-ops, social-care',
    account_manager        String   COMMENT 'Customer alerts: the account manager from the profile',
    account_manager_email  String   COMMENT 'Customer alerts: where the manager''s alerts go. Personal data',
    reason_en              String   COMMENT 'The reasons in plain English',
    reason_zh              String   COMMENT 'The reasons in plain Chinese',
    evidence_event_ids     Array(String)  COMMENT 'Events behind the alert, the triggering one first (join events.event_id)',
    figure_names           Array(String)  COMMENT 'Figures behind the alert (risk, observed, baseline, p_value, followers …)',
    figure_values          Array(Float64) COMMENT 'Their values, parallel to figure_names',
    opened_at              DateTime('UTC') COMMENT 'Event time at which the alert opened',
    opened_at_ms           Int64    COMMENT 'opened_at in Unix epoch milliseconds',
    event_time             DateTime('UTC') COMMENT 'Event time of this transition (the triggering event, timer or minute)',
    event_time_ms          Int64    COMMENT 'event_time in Unix epoch milliseconds',
    processed_at           DateTime('UTC') COMMENT 'Processing time at which the job decided this transition',
    processed_at_ms        Int64    COMMENT 'processed_at in Unix epoch milliseconds; minus event_time_ms = decision latency',
    written_at             DateTime('UTC') COMMENT 'When the row was written to ClickHouse'
)
ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(opened_at)
ORDER BY alert_id;
