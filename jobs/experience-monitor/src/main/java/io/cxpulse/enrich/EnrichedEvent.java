package io.cxpulse.enrich;

import io.cxpulse.enrich.EventSerializers.EnrichedEventTypeInfoFactory;
import io.cxpulse.model.CxEvent;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * An accepted event with what its text says. Text fields are null for events without text.
 *
 * @param late            arrived after the watermark had passed its event time (stored and counted all the same)
 * @param sentiment       in [-1, 1], negative &lt; 0 &lt; positive
 * @param category        complaints: the producer's category, or the one classified from the text
 * @param categorySource  {@code producer} or {@code classified}; null when there is no category
 * @param department      complaints: the department the category routes to; service events: the one that handled it
 * @param customerSource  {@code event} when the event named its customer, {@code handle} when a mention was resolved
 *                        through the author's handle, null while unresolved
 */
@TypeInfo(EnrichedEventTypeInfoFactory.class) // Flink ships and stores it with EventSerializers.EnrichedEventSerializer
public record EnrichedEvent(
        CxEvent event,
        boolean late,
        Float sentiment,
        Float sentimentConfidence,
        String language,
        String modelVersion,
        String category,
        String categorySource,
        String department,
        String customerSource) {

    /**
     * The same event without its text and raw payload, for the state and rules downstream of the events table: they
     * read what the text says (sentiment, language, category), never the text, so it is neither shipped to them nor
     * kept in their state.
     */
    public EnrichedEvent withoutText() {
        return event.text() == null && event.payload() == null ? this
                : new EnrichedEvent(event.withoutText(), late, sentiment, sentimentConfidence, language, modelVersion,
                        category, categorySource, department, customerSource);
    }

    /** The same event attributed to {@code customerId}, found through the mention author's handle. */
    public EnrichedEvent resolvedTo(String customerId) {
        return new EnrichedEvent(event.withCustomerId(customerId), late, sentiment, sentimentConfidence, language,
                modelVersion, category, categorySource, department, "handle");
    }
}
