package io.cxpulse.enrich;

import io.cxpulse.enrich.text.ComplaintClassifier;
import io.cxpulse.enrich.text.SentimentModel;
import io.cxpulse.enrich.text.SentimentResult;
import io.cxpulse.enrich.text.Taxonomy;
import io.cxpulse.ingest.AcceptedEvent;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Scores the sentiment and language of every text-bearing event and gives complaints a category. The model is loaded
 * once per JVM and shared by the tasks in it; scoring reuses one result holder, so the hot path does not allocate.
 */
public final class EnrichText extends RichMapFunction<AcceptedEvent, EnrichedEvent> {

    private final String modelLocation;
    private final String taxonomyLocation;

    private transient SentimentModel model;
    private transient ComplaintClassifier classifier;
    private transient SentimentResult result;

    /** @param modelLocation a model file, {@code classpath:/…}, or null for the shipped model; likewise the taxonomy */
    public EnrichText(String modelLocation, String taxonomyLocation) {
        this.modelLocation = modelLocation;
        this.taxonomyLocation = taxonomyLocation;
    }

    @Override
    public void open(OpenContext openContext) {
        model = SentimentModel.cached(modelLocation);
        classifier = new ComplaintClassifier(Taxonomy.load(taxonomyLocation));
        result = new SentimentResult();
    }

    @Override
    public EnrichedEvent map(AcceptedEvent accepted) {
        CxEvent e = accepted.event();
        Float sentiment = null;
        Float confidence = null;
        String language = null;
        String version = null;
        if (e.hasText()) {
            model.score(e.text(), result);
            sentiment = result.score();
            confidence = result.confidence();
            language = result.language();
            version = result.modelVersion();
        }
        String category = e.category();
        String source = category == null ? null : "producer";
        String department = e.department();
        if (e.type() == EventType.COMPLAINT && (category != null || e.hasText())) {
            ComplaintClassifier.Classification c = classifier.resolve(category, e.text());
            category = c.category();
            department = c.department();
            source = source == null ? "classified" : source;
        }
        return new EnrichedEvent(e, accepted.late(), sentiment, confidence, language, version, category, source, department,
                e.customerId() == null ? null : "event");
    }
}
