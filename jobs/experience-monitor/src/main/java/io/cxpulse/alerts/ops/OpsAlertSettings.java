package io.cxpulse.alerts.ops;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.cxpulse.config.Durations;
import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;

/**
 * The ops alert rules, one nested record per rule: the {@code ops} section of the rules file (the shipped defaults are
 * {@value #DEFAULT_RESOURCE}, loaded by {@link io.cxpulse.alerts.AlertRules}). Keys are snake_case, as in the
 * {@code customer} section (the record components' names, e.g. {@code complaintSpike.pValue} is
 * {@code complaint_spike.p_value}).
 *
 * @param baseline       how the per-scope baseline learns
 * @param complaintSpike complaints opened per minute in a category (and category × region)
 * @param slaBreachSurge SLA breaches per minute in a region
 * @param sentimentDrop  the negative share of the texts per minute on a channel or in a region
 * @param viralMention   one negative social post with a wide reach or fast engagement
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OpsAlertSettings(
        Baseline baseline,
        CountRule complaintSpike,
        CountRule slaBreachSurge,
        SentimentRule sentimentDrop,
        ViralRule viralMention)
        implements Serializable {

    public static final String DEFAULT_RESOURCE = "/cxpulse/alerts/alert-rules.json";
    static final String SECTION = "ops";

    /**
     * A baseline per scope, "usual for this time of day": an EWMA per hour-of-day slot, blended with an overall EWMA
     * level until the slot has {@code slotTrustMinutes} samples (two days of that hour by default).
     *
     * @param levelHalfLife     half-life of the overall level, in minutes of history
     * @param slotHalfLife      half-life of an hour-of-day slot, in days (a slot learns 60 minutes a day)
     * @param slotTrustMinutes  samples after which a slot is trusted alone
     * @param learnIncidentAfterMinutes an incident's minutes are held back from the baseline; once it has lasted this
     *                          long it is a shift in level (a busy hour, a new normal) rather than a burst, and they are learned
     * @param trivialBelow      a scope whose expected count is below this, with no incident open, is not woken up every
     *                          minute: its quiet minutes are learned when its next row arrives
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Baseline(
            @JsonDeserialize(using = DurationText.class) Duration levelHalfLife,
            @JsonDeserialize(using = DurationText.class) Duration slotHalfLife,
            int slotTrustMinutes,
            int learnIncidentAfterMinutes,
            double trivialBelow)
            implements Serializable {

        static Baseline defaults() {
            return new Baseline(Duration.ofHours(1), Duration.ofDays(3), 120, 30, 0.05);
        }

        void validate(String at) {
            positive(at + ".level_half_life", levelHalfLife, Duration.ofMinutes(1));
            positive(at + ".slot_half_life", slotHalfLife, Duration.ofHours(1));
            require(slotTrustMinutes >= 1, at + ".slot_trust_minutes must be at least 1");
            require(learnIncidentAfterMinutes >= 1, at + ".learn_incident_after_minutes must be at least 1");
            require(trivialBelow >= 0 && trivialBelow < 1, at + ".trivial_below must be in [0,1)");
        }
    }

    /**
     * A count that is abnormal for the time of day: Poisson upper tail of the count given λ = max(baseline,
     * lambdaFloor) below {@code pValue}, the count at least {@code minCount} and at least {@code minRatio} × λ.
     *
     * @param warmupMinutes  no alert before this much history of the scope …
     * @param coldStartCount … unless the count is at least this …
     * @param coldStartAfterMinutes … and the scope has this much history at all (its first minutes have nothing
     *                       to be abnormal against: a busy scope would alarm as the job starts)
     * @param resolvePValue  a minute of an open incident is normal again when its p-value is at least this (or its
     *                       count below minCount): looser than pValue, so an incident does not flap while the signal
     *                       hovers near the threshold
     * @param resolveAfterMinutes consecutive normal minutes that resolve an incident
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CountRule(
            double pValue,
            long minCount,
            double minRatio,
            double lambdaFloor,
            int warmupMinutes,
            long coldStartCount,
            int coldStartAfterMinutes,
            @JsonProperty("resolve_p_value") double resolvePValue, // SnakeCase would make it resolve_pvalue
            double resolveRatio,
            int resolveAfterMinutes)
            implements Serializable {

        static CountRule defaults() {
            return new CountRule(1e-6, 5, 3.0, 0.5, 30, 20, 5, 0.01, 2.0, 3);
        }

        void validate(String at) {
            require(pValue > 0 && pValue < 1, at + ".p_value must be in (0,1)");
            require(minCount >= 1, at + ".min_count must be at least 1");
            require(minRatio >= 1, at + ".min_ratio must be at least 1");
            require(lambdaFloor > 0, at + ".lambda_floor must be positive");
            require(warmupMinutes >= 0, at + ".warmup_minutes must not be negative");
            require(coldStartCount >= minCount, at + ".cold_start_count must be at least min_count");
            require(coldStartAfterMinutes >= 1 && coldStartAfterMinutes <= Math.max(1, warmupMinutes),
                    at + ".cold_start_after_minutes must be in [1, warmup_minutes]");
            require(resolvePValue >= pValue && resolvePValue < 1, at + ".resolve_p_value must be in [p_value,1)");
            require(resolveRatio >= 1 && resolveRatio <= minRatio, at + ".resolve_ratio must be in [1, min_ratio]");
            require(resolveAfterMinutes >= 1, at + ".resolve_after_minutes must be at least 1");
        }
    }

    /**
     * A negative share of the minute's texts that is abnormal for the time of day: binomial upper tail of the
     * negatives among the texts given the baseline share (at least {@code shareFloor}) below {@code pValue}, at least
     * {@code minTexts} texts, and the share at least {@code minShareRise} above the baseline share. No cold start:
     * nothing during the warm-up (a share from one minute of a new scope says little). A minute of an open incident
     * is normal again with fewer than {@code minTexts} texts or a p-value of at least {@code resolvePValue}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SentimentRule(
            double pValue,
            long minTexts,
            double minShareRise,
            double shareFloor,
            int warmupMinutes,
            @JsonProperty("resolve_p_value") double resolvePValue, // SnakeCase would make it resolve_pvalue
            int resolveAfterMinutes)
            implements Serializable {

        static SentimentRule defaults() {
            return new SentimentRule(1e-6, 10, 0.2, 0.05, 30, 0.01, 3);
        }

        void validate(String at) {
            require(pValue > 0 && pValue < 1, at + ".p_value must be in (0,1)");
            require(minTexts >= 1, at + ".min_texts must be at least 1");
            require(minShareRise > 0 && minShareRise < 1, at + ".min_share_rise must be in (0,1)");
            require(shareFloor > 0 && shareFloor < 1, at + ".share_floor must be in (0,1)");
            require(warmupMinutes >= 0, at + ".warmup_minutes must not be negative");
            require(resolvePValue >= pValue && resolvePValue < 1, at + ".resolve_p_value must be in [p_value,1)");
            require(resolveAfterMinutes >= 1, at + ".resolve_after_minutes must be at least 1");
        }
    }

    /**
     * @param sentimentBelow   a mention at or below this sentiment is negative
     * @param minFollowers     … and viral when its author reaches at least this many followers …
     * @param minEngagement    … or it gathered at least this many likes + shares
     * @param criticalFollowers severity critical from this reach (else high)
     * @param window           one incident per author: viral posts within this (event time) of the last add nothing;
     *                         the incident resolves this long after the last
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ViralRule(
            double sentimentBelow,
            long minFollowers,
            long minEngagement,
            long criticalFollowers,
            @JsonDeserialize(using = DurationText.class) Duration window)
            implements Serializable {

        static ViralRule defaults() {
            return new ViralRule(-0.3, 100_000, 1_000, 1_000_000, Duration.ofHours(6));
        }

        void validate(String at) {
            require(sentimentBelow > -1 && sentimentBelow < 0, at + ".sentiment_below must be in (-1,0)");
            require(minFollowers >= 1, at + ".min_followers must be at least 1");
            require(minEngagement >= 1, at + ".min_engagement must be at least 1");
            require(criticalFollowers >= minFollowers, at + ".critical_followers must be at least min_followers");
            positive(at + ".window", window, Duration.ofMinutes(1));
        }
    }

    public static OpsAlertSettings defaults() {
        return new OpsAlertSettings(Baseline.defaults(), CountRule.defaults(), CountRule.defaults(),
                SentimentRule.defaults(), ViralRule.defaults());
    }

    /** @throws IllegalArgumentException naming the field at fault, as it is written in the rules file */
    public OpsAlertSettings validate() {
        require(baseline != null, SECTION + ".baseline is missing");
        require(complaintSpike != null, SECTION + ".complaint_spike is missing");
        require(slaBreachSurge != null, SECTION + ".sla_breach_surge is missing");
        require(sentimentDrop != null, SECTION + ".sentiment_drop is missing");
        require(viralMention != null, SECTION + ".viral_mention is missing");
        baseline.validate(SECTION + ".baseline");
        complaintSpike.validate(SECTION + ".complaint_spike");
        slaBreachSurge.validate(SECTION + ".sla_breach_surge");
        sentimentDrop.validate(SECTION + ".sentiment_drop");
        viralMention.validate(SECTION + ".viral_mention");
        return this;
    }

    /** The {@code ops} section of a rules file (see {@link io.cxpulse.alerts.AlertRules}), bound and validated. */
    public static OpsAlertSettings fromRules(JsonNode rules) {
        JsonNode section = rules.get(SECTION);
        if (section == null) {
            throw new IllegalArgumentException("the rules have no '" + SECTION + "' section");
        }
        try {
            return new ObjectMapper().treeToValue(section, OpsAlertSettings.class).validate();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(SECTION + ": " + e.getOriginalMessage(), e);
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    private static void positive(String field, Duration d, Duration atLeast) {
        require(d != null && d.compareTo(atLeast) >= 0, field + " must be at least " + atLeast);
    }

    /** Durations in the JSON as people write them ({@code 6h}, {@code 3d}, {@code PT30M}). */
    static final class DurationText extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            try {
                return Durations.parse(p.getValueAsString());
            } catch (IllegalArgumentException e) {
                return (Duration) ctx.handleWeirdStringValue(Duration.class, p.getValueAsString(), e.getMessage());
            }
        }
    }
}
