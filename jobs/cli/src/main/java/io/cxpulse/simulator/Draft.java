package io.cxpulse.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An event before it is stamped: the body without {@code event_id} and {@code event_time}, which are assigned
 * when the event takes its place in the stream.
 *
 * @param key              the Kafka key: the customer id, or null when the producer does not know the customer
 * @param chinaLocalOffset whether the producing system writes times at +08:00 rather than in UTC
 */
record Draft(String topic, String key, ObjectNode body, boolean chinaLocalOffset) {}
