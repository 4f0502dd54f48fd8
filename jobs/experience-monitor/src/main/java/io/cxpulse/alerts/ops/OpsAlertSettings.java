package io.cxpulse.alerts.ops;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.cxpulse.config.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The ops alert rules, one nested record per rule, bound from JSON (the shipped defaults are {@value #DEFAULT_RESOURCE}).
 *
 * @param baseline       how the per-scope baseline learns
 * @param complaintSpike complaints opened per minute in a category (and category × region)
 * @param slaBreachSurge SLA breaches per minute in a region
 * @param sentimentDrop  the negative share of the texts per minute on a channel or in a region
 * @param viralMention   one negative social post with a wide reach or fast engagement
 */
public record OpsAlertSettings(
        Baseline baseline,
        CountRule complaintSpike,
        CountRule slaBreachSurge,
        SentimentRule sentimentDrop,
        ViralRule viralMention)
        implements Serializable {

    public static final String DEFAULT_RESOURCE = "/cxpulse/alerts/alert-rules.json";

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
            positive(at + ".levelHalfLife", levelHalfLife, Duration.ofMinutes(1));
            positive(at + ".slotHalfLife", slotHalfLife, Duration.ofHours(1));
            require(slotTrustMinutes >= 1, at + ".slotTrustMinutes must be at least 1");
            require(learnIncidentAfterMinutes >= 1, at + ".learnIncidentAfterMinutes must be at least 1");
            require(trivialBelow >= 0 && trivialBelow < 1, at + ".trivialBelow must be in [0,1)");
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
    public record CountRule(
            double pValue,
            long minCount,
            double minRatio,
            double lambdaFloor,
            int warmupMinutes,
            long coldStartCount,
            int coldStartAfterMinutes,
            double resolvePValue,
            int resolveAfterMinutes)
            implements Serializable {

        static CountRule defaults() {
            return new CountRule(1e-6, 5, 3.0, 0.5, 30, 20, 5, 0.01, 3);
        }

        void validate(String at) {
            require(pValue > 0 && pValue < 1, at + ".pValue must be in (0,1)");
            require(minCount >= 1, at + ".minCount must be at least 1");
            require(minRatio >= 1, at + ".minRatio must be at least 1");
            require(lambdaFloor > 0, at + ".lambdaFloor must be positive");
            require(warmupMinutes >= 0, at + ".warmupMinutes must not be negative");
            require(coldStartCount >= minCount, at + ".coldStartCount must be at least minCount");
            require(coldStartAfterMinutes >= 1 && coldStartAfterMinutes <= Math.max(1, warmupMinutes),
                    at + ".coldStartAfterMinutes must be in [1, warmupMinutes]");
            require(resolvePValue >= pValue && resolvePValue < 1, at + ".resolvePValue must be in [pValue,1)");
            require(resolveAfterMinutes >= 1, at + ".resolveAfterMinutes must be at least 1");
        }
    }

    /**
     * A negative share of the minute's texts that is abnormal for the time of day: binomial upper tail of the
     * negatives among the texts given the baseline share (at least {@code shareFloor}) below {@code pValue}, at least
     * {@code minTexts} texts, and the share at least {@code minShareRise} above the baseline share. No cold start:
     * nothing during the warm-up (a share from one minute of a new scope says little). A minute of an open incident
     * is normal again with fewer than {@code minTexts} texts or a p-value of at least {@code resolvePValue}.
     */
    public record SentimentRule(
            double pValue,
            long minTexts,
            double minShareRise,
            double shareFloor,
            int warmupMinutes,
            double resolvePValue,
            int resolveAfterMinutes)
            implements Serializable {

        static SentimentRule defaults() {
            return new SentimentRule(1e-6, 10, 0.2, 0.05, 30, 0.01, 3);
        }

        void validate(String at) {
            require(pValue > 0 && pValue < 1, at + ".pValue must be in (0,1)");
            require(minTexts >= 1, at + ".minTexts must be at least 1");
            require(minShareRise > 0 && minShareRise < 1, at + ".minShareRise must be in (0,1)");
            require(shareFloor > 0 && shareFloor < 1, at + ".shareFloor must be in (0,1)");
            require(warmupMinutes >= 0, at + ".warmupMinutes must not be negative");
            require(resolvePValue >= pValue && resolvePValue < 1, at + ".resolvePValue must be in [pValue,1)");
            require(resolveAfterMinutes >= 1, at + ".resolveAfterMinutes must be at least 1");
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
            require(sentimentBelow > -1 && sentimentBelow < 0, at + ".sentimentBelow must be in (-1,0)");
            require(minFollowers >= 1, at + ".minFollowers must be at least 1");
            require(minEngagement >= 1, at + ".minEngagement must be at least 1");
            require(criticalFollowers >= minFollowers, at + ".criticalFollowers must be at least minFollowers");
            positive(at + ".window", window, Duration.ofMinutes(1));
        }
    }

    public static OpsAlertSettings defaults() {
        return new OpsAlertSettings(Baseline.defaults(), CountRule.defaults(), CountRule.defaults(),
                SentimentRule.defaults(), ViralRule.defaults());
    }

    /** @throws IllegalArgumentException naming the field at fault */
    public OpsAlertSettings validate() {
        require(baseline != null, "baseline is missing");
        require(complaintSpike != null, "complaintSpike is missing");
        require(slaBreachSurge != null, "slaBreachSurge is missing");
        require(sentimentDrop != null, "sentimentDrop is missing");
        require(viralMention != null, "viralMention is missing");
        baseline.validate("baseline");
        complaintSpike.validate("complaintSpike");
        slaBreachSurge.validate("slaBreachSurge");
        sentimentDrop.validate("sentimentDrop");
        viralMention.validate("viralMention");
        return this;
    }

    /** The {@code ops} section of a rules file (see {@link io.cxpulse.alerts.AlertRules}), bound and validated. */
    public static OpsAlertSettings fromRules(com.fasterxml.jackson.databind.JsonNode rules) {
        com.fasterxml.jackson.databind.JsonNode section = rules.get("ops");
        if (section == null) {
            throw new IllegalArgumentException("the rules have no 'ops' section");
        }
        try {
            return new ObjectMapper().treeToValue(section, OpsAlertSettings.class).validate();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("ops: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ops." + e.getMessage(), e);
        }
    }

    /** {@code null}/blank/{@code "default"} = the shipped rules, {@code classpath:/x.json} = a resource, else a file; validated. */
    public static OpsAlertSettings load(String location) {
        String where = location == null || location.isBlank() || location.equals("default")
                ? "classpath:" + DEFAULT_RESOURCE : location;
        try (InputStream in = where.startsWith("classpath:")
                ? OpsAlertSettings.class.getResourceAsStream(where.substring("classpath:".length()))
                : Files.newInputStream(Path.of(where))) {
            if (in == null) {
                throw new IOException("no such resource: " + where);
            }
            return new ObjectMapper().readValue(in, OpsAlertSettings.class).validate();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load ops alert settings " + where, e);
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
