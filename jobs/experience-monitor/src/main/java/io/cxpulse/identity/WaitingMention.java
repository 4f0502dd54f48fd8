package io.cxpulse.identity;

import io.cxpulse.enrich.EnrichedEvent;

/** A mention held back until its author's handle is known, with when it arrived (processing time). */
public record WaitingMention(EnrichedEvent mention, long arrivedMs) {}
