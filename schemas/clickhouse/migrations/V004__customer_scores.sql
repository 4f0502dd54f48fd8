-- One row each time a customer's churn risk or sentiment changes materially: the score history.
-- Keyed by (customer_id, trigger): a replay rewrites the row of the same triggering event.
CREATE TABLE IF NOT EXISTS {db}.customer_scores
(
    customer_id                  String   COMMENT 'The customer',
    score_time                   DateTime('UTC') COMMENT 'Event time of what caused the score (the event, or the inactivity check)',
    score_time_ms                Int64    COMMENT 'score_time in Unix epoch milliseconds',
    score_seq                    UInt64   COMMENT 'Number of this score among the customer''s scores (1, 2, …); the latest is the highest',
    trigger                      String   COMMENT 'event_id of the event that caused the score, or inactivity@<ms> for a quiet-customer re-score',
    trigger_type                 String   COMMENT 'event:click | event:complaint | event:social_mention | event:service_event | inactivity',
    churn_risk                   Float32  COMMENT 'Churn risk in [0, 1] from the churn model; 1 once the customer has cancelled',
    risk_band                    String   COMMENT 'low (< 0.3) | medium (0.3-0.6) | high (>= 0.6)',
    status                       String   COMMENT 'active | churned (cancelled or closed the account) | won_back (renewed after churning)',
    sentiment                    Float32  COMMENT 'Recent sentiment of the customer''s texts (3-day half-life), -1..1',
    sentiment_usual              Float32  COMMENT 'Usual sentiment (30-day half-life), -1..1',
    sentiment_trend              Float32  COMMENT 'sentiment - sentiment_usual: negative when the mood is falling',
    reason_codes                 Array(String)  COMMENT 'Up to 3 features raising the risk most, strongest first (README: reason codes)',
    reason_contributions         Array(Float32) COMMENT 'Their contributions to the risk in log-odds, parallel to reason_codes',
    explanation_en               String   COMMENT 'The reasons in plain English',
    explanation_zh               String   COMMENT 'The reasons in plain Chinese',
    open_complaints              UInt16   COMMENT 'Complaints open now',
    oldest_open_complaint_days   Float32  COMMENT 'Age of the oldest open complaint, days',
    days_since_activity          Float32  COMMENT 'Days since the customer''s last own activity',
    f_negative_sentiment         Float32  COMMENT 'Feature: how negative recent texts are, 0..1',
    f_sentiment_drop             Float32  COMMENT 'Feature: recent sentiment below the usual, 0..2',
    f_sustained_negativity       Float32  COMMENT 'Feature: how negative the usual (30-day) sentiment is, 0..1',
    f_open_complaints            Float32  COMMENT 'Feature: complaints open now, up to 5',
    f_recent_complaints          Float32  COMMENT 'Feature: complaints opened lately, decayed (7-day half-life), up to 5',
    f_monthly_complaints         Float32  COMMENT 'Feature: complaints opened over about a month, decayed (30-day half-life), up to 10',
    f_complaint_rise             Float32  COMMENT 'Feature: recent complaint rate above the customer''s own baseline, as a multiple, up to 3',
    f_oldest_open_weeks          Float32  COMMENT 'Feature: age of the oldest open complaint, weeks (up to 30 days)',
    f_escalations                Float32  COMMENT 'Feature: escalations and reopenings, decayed (30-day half-life), up to 5',
    f_repeat_contacts            Float32  COMMENT 'Feature: contacts chasing the same case, decayed (14 days), up to 5',
    f_wait_hours                 Float32  COMMENT 'Feature: hours waited on calls, decayed (14 days), up to 10',
    f_missed_contacts            Float32  COMMENT 'Feature: abandoned calls and missed callbacks, decayed (14 days), up to 10',
    f_service_failures           Float32  COMMENT 'Feature: SLA breaches and late deliveries, decayed (30 days), up to 5',
    f_engagement_drop            Float32  COMMENT 'Feature: visits below the customer''s own baseline, 0..1',
    f_weeks_inactive             Float32  COMMENT 'Feature: weeks since the customer''s last own activity (up to 60 days)',
    f_cancel_intent              Float32  COMMENT 'Feature: cancellation/unsubscribe page visits, decayed (14 days), up to 5',
    f_downgrades                 Float32  COMMENT 'Feature: plan downgrades, decayed (60 days), up to 3',
    f_poor_surveys               Float32  COMMENT 'Feature: how poor recent NPS/CSAT answers are, 0..1',
    f_negative_social            Float32  COMMENT 'Feature: reach-weighted negative posts, decayed (7 days), up to 3',
    f_quick_resolutions          Float32  COMMENT 'Feature: complaints resolved within a day, decayed (30 days), up to 5; protective',
    f_positive_sentiment         Float32  COMMENT 'Feature: how positive recent texts are, 0..1; protective',
    tier                         String   COMMENT 'Profile: vip | gold | standard',
    region                       String   COMMENT 'Profile: region',
    account_manager              String   COMMENT 'Profile: account manager who owns the customer',
    account_manager_email        String   COMMENT 'Profile: where the manager''s alerts go. Personal data',
    model_version                String   COMMENT 'Churn model version (weights file)',
    scored_at                    DateTime('UTC') COMMENT 'When the job computed it (processing time)'
)
ENGINE = ReplacingMergeTree()
PARTITION BY toYYYYMM(score_time)
ORDER BY (customer_id, trigger);

-- Each customer's latest score, the same columns as customer_scores: SELECT … FROM customer_scores_latest FINAL.
CREATE TABLE IF NOT EXISTS {db}.customer_scores_latest AS {db}.customer_scores
ENGINE = ReplacingMergeTree(score_seq)
ORDER BY customer_id;
