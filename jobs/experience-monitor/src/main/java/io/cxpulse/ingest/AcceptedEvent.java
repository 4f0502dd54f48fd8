package io.cxpulse.ingest;

import io.cxpulse.model.CxEvent;

/**
 * An event that passed its contract and deduplication.
 *
 * @param late true when it arrived after the watermark had passed its event time; it is stored and counted all the same
 */
public record AcceptedEvent(CxEvent event, boolean late) {}
