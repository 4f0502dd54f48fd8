package io.cxpulse.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.ingest.AcceptedEvent;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;
import io.cxpulse.model.SourceRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EnrichTextTest {

    private final EnrichText enrich = new EnrichText(null, null);

    @BeforeEach
    void open() {
        enrich.open(null);
    }

    private static CxEvent event(EventType type, String kind, String category, String text) {
        return new CxEvent("e", type, kind, "c1", 1L, "phone", category, "k1", text, null, null, null, null, null, null,
                null, null, null, null, null, null, new SourceRef("t", 0, 0, 1L), "{}");
    }

    @Test
    void aComplaintWithoutCategoryIsClassifiedAndScored() {
        EnrichedEvent e = enrich.map(new AcceptedEvent(
                event(EventType.COMPLAINT, "opened", null, "快递三天了还没到，太慢了！"), true));
        assertThat(e.category()).isEqualTo("delivery");
        assertThat(e.categorySource()).isEqualTo("classified");
        assertThat(e.department()).isNotBlank();
        assertThat(e.sentiment()).isNegative();
        assertThat(e.language()).isEqualTo("zh");
        assertThat(e.modelVersion()).startsWith("sentiment-");
        assertThat(e.late()).isTrue();
    }

    @Test
    void theProducersCategoryIsKept() {
        EnrichedEvent e = enrich.map(new AcceptedEvent(
                event(EventType.COMPLAINT, "opened", "billing_refund", "The parcel never arrived"), false));
        assertThat(e.category()).isEqualTo("billing_refund");
        assertThat(e.categorySource()).isEqualTo("producer");
    }

    @Test
    void eventsWithoutTextGetNoSentimentAndStatusChangesNoInventedCategory() {
        EnrichedEvent click = enrich.map(new AcceptedEvent(event(EventType.CLICK, "view", null, null), false));
        assertThat(click.sentiment()).isNull();
        assertThat(click.language()).isNull();
        EnrichedEvent resolved = enrich.map(new AcceptedEvent(event(EventType.COMPLAINT, "resolved", null, ""), false));
        assertThat(resolved.category()).isNull();
        assertThat(resolved.categorySource()).isNull();
    }

    @Test
    void englishPraiseIsPositive() {
        EnrichedEvent e = enrich.map(new AcceptedEvent(
                event(EventType.SOCIAL_MENTION, "mention", null, "Great service, the agent fixed it in minutes! 😊"), false));
        assertThat(e.sentiment()).isPositive();
        assertThat(e.language()).isEqualTo("en");
    }
}
