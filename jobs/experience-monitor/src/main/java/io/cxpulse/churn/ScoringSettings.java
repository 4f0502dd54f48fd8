package io.cxpulse.churn;

import java.io.Serializable;
import java.time.Duration;

/**
 * @param riskDelta        a new score row is written when the risk moved at least this much since the last row
 * @param sentimentDelta   … or the recent sentiment moved at least this much
 * @param inactivityCheck  how often a quiet customer is re-scored (event time): going quiet is a signal with no event
 * @param maxInactivity    stop re-scoring a customer silent for longer than this
 * @param stateTtl         forget a customer's state after this long without any event (processing time)
 * @param churnModel       model file or {@code classpath:/…}; null for the shipped model
 */
public record ScoringSettings(
        double riskDelta,
        double sentimentDelta,
        Duration inactivityCheck,
        Duration maxInactivity,
        Duration stateTtl,
        String churnModel)
        implements Serializable {}
