package io.cxpulse.model;

import java.util.List;

/** Kafka topic names that producers, dashboards and operators' scripts depend on (fixed by the architecture brief). */
public final class Topics {
    public static final String CLICKS = "cx.clicks";
    public static final String COMPLAINTS = "cx.complaints";
    public static final String SOCIAL_MENTIONS = "cx.social-mentions";
    public static final String SERVICE_EVENTS = "cx.service-events";
    public static final String CUSTOMERS = "cx.customers";

    public static final String ALERTS = "cx.alerts";
    public static final String DEAD_LETTER = "cx.dead-letter";
    public static final String CONTACT_SUPPRESSION = "cx.contact-suppression";

    /** The four event streams, in the order the brief lists them. */
    public static final List<String> EVENT_TOPICS = List.of(CLICKS, COMPLAINTS, SOCIAL_MENTIONS, SERVICE_EVENTS);

    /** Every input topic, events first, then profiles. */
    public static final List<String> INPUT_TOPICS = List.of(CLICKS, COMPLAINTS, SOCIAL_MENTIONS, SERVICE_EVENTS, CUSTOMERS);

    public static final List<String> OUTPUT_TOPICS = List.of(ALERTS, DEAD_LETTER, CONTACT_SUPPRESSION);

    private Topics() {}
}
