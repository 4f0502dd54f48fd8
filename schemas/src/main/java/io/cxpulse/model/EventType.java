package io.cxpulse.model;

/** The four kinds of accepted event; {@link #wireName()} is what the {@code events.event_type} column holds. */
public enum EventType {
    CLICK("click", Topics.CLICKS),
    COMPLAINT("complaint", Topics.COMPLAINTS),
    SOCIAL_MENTION("social_mention", Topics.SOCIAL_MENTIONS),
    SERVICE_EVENT("service_event", Topics.SERVICE_EVENTS);

    private final String wireName;
    private final String topic;

    EventType(String wireName, String topic) {
        this.wireName = wireName;
        this.topic = topic;
    }

    public String wireName() {
        return wireName;
    }

    public String topic() {
        return topic;
    }

    /** The event type carried by an input topic, or {@code null} for a topic that carries no events (profiles). */
    public static EventType ofTopic(String topic) {
        for (EventType t : values()) {
            if (t.topic.equals(topic)) {
                return t;
            }
        }
        return null;
    }
}
