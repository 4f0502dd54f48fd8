package io.cxpulse.alerts.customer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.config.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The customer alert rules' settings, the {@code customer} section of the rules file (the shipped defaults are
 * {@value #DEFAULT_RESOURCE}). Durations are written as people write them ({@code 48h}, {@code 7d}; see
 * {@link Durations}); every time is event time.
 */
public record CustomerAlertSettings(
        @JsonProperty("churn_risk") ChurnRisk churnRisk,
        @JsonProperty("vip_negative_experience") VipNegativeExperience vipNegativeExperience,
        @JsonProperty("complaint_unresolved") ComplaintUnresolved complaintUnresolved,
        @JsonProperty("recovery") Recovery recovery,
        @JsonProperty("contact_suppression") ContactSuppressionRule contactSuppression)
        implements Serializable {

    public static final String DEFAULT_RESOURCE = "/cxpulse/alerts/alert-rules.json";
    static final String SECTION = "customer";

    /**
     * @param threshold  opens when the risk reaches this while armed
     * @param rearmBelow re-arms (and resolves an open alert) only once the risk fell below this: hysteresis
     * @param escalateBy escalates once when the risk rose this much above the risk at opening…
     * @param criticalAt … or reached this (also makes an opening critical)
     * @param cooldown   no second opening within this time of the previous opening
     */
    public record ChurnRisk(
            double threshold,
            @JsonProperty("rearm_below") double rearmBelow,
            @JsonProperty("escalate_by") double escalateBy,
            @JsonProperty("critical_at") double criticalAt,
            String cooldown)
            implements Serializable {

        public long cooldownMs() {
            return Durations.parse(cooldown).toMillis();
        }
    }

    /**
     * @param tiers          the profile tiers the rule watches
     * @param sentimentBelow a text at or below this sentiment is sharply negative
     * @param cooldown       at most one opening per customer within this time
     * @param resolveAfter   resolves this long after opening (earlier on a positive text of the customer's)
     */
    public record VipNegativeExperience(
            List<String> tiers,
            @JsonProperty("sentiment_below") double sentimentBelow,
            String cooldown,
            @JsonProperty("resolve_after") String resolveAfter)
            implements Serializable {

        public long cooldownMs() {
            return Durations.parse(cooldown).toMillis();
        }

        public long resolveAfterMs() {
            return Durations.parse(resolveAfter).toMillis();
        }
    }

    /**
     * @param defaultSla        a complaint still open this long after it opened (or reopened) raises an alert…
     * @param slaByCategory     … or this long for its category (optional)
     * @param maxTracked        complaints tracked per customer; beyond it the oldest is dropped (a bound on state)
     * @param highSeverityTiers tiers whose overdue complaints are severity high rather than warning
     */
    public record ComplaintUnresolved(
            @JsonProperty("default_sla") String defaultSla,
            @JsonProperty("sla_by_category") Map<String, String> slaByCategory,
            @JsonProperty("max_tracked") int maxTracked,
            @JsonProperty("high_severity_tiers") List<String> highSeverityTiers)
            implements Serializable {

        public ComplaintUnresolved {
            slaByCategory = slaByCategory == null ? Map.of() : Map.copyOf(slaByCategory);
        }

        public long slaMs(String category) {
            String sla = category == null ? null : slaByCategory.get(category);
            return Durations.parse(sla == null ? defaultSla : sla).toMillis();
        }

        public String slaText(String category) {
            String sla = category == null ? null : slaByCategory.get(category);
            return sla == null ? defaultSla : sla;
        }
    }

    /**
     * @param reboundTo the customer's sentiment reached this after the complaint was resolved…
     * @param reboundBy … or rose this much above its lowest while the complaint was open, to 0 or above
     * @param window    how long after the resolution a rebound counts, and how long the alert stays open
     */
    public record Recovery(
            @JsonProperty("rebound_to") double reboundTo,
            @JsonProperty("rebound_by") double reboundBy,
            String window)
            implements Serializable {

        public long windowMs() {
            return Durations.parse(window).toMillis();
        }
    }

    /**
     * @param riskAbove     suppress while the churn risk is at least this
     * @param maxContacts   suppress while the customer contacted the company this often…
     * @param contactWindow … within this time
     */
    public record ContactSuppressionRule(
            @JsonProperty("risk_above") double riskAbove,
            @JsonProperty("max_contacts") int maxContacts,
            @JsonProperty("contact_window") String contactWindow)
            implements Serializable {

        public long contactWindowMs() {
            return Durations.parse(contactWindow).toMillis();
        }
    }

    public static CustomerAlertSettings defaults() {
        return new CustomerAlertSettings(
                new ChurnRisk(0.5, 0.35, 0.15, 0.85, "7d"),
                new VipNegativeExperience(List.of("vip", "gold"), -0.7, "24h", "24h"),
                new ComplaintUnresolved("48h", Map.of(), 20, List.of("vip", "gold")),
                new Recovery(0.2, 0.4, "7d"),
                new ContactSuppressionRule(0.5, 3, "7d"));
    }

    /** The {@code customer} section of a rules file, bound and validated. */
    public static CustomerAlertSettings fromRules(JsonNode rules) {
        JsonNode section = rules.get(SECTION);
        if (section == null) {
            throw new IllegalArgumentException("the rules have no '" + SECTION + "' section");
        }
        try {
            return new ObjectMapper().treeToValue(section, CustomerAlertSettings.class).validate();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(SECTION + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The shipped rules' {@code customer} section. */
    public static CustomerAlertSettings fromDefaultResource() {
        try (InputStream in = CustomerAlertSettings.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return fromRules(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Throws {@link IllegalArgumentException} naming the field at fault; returns this for chaining. */
    public CustomerAlertSettings validate() {
        String p = SECTION + ".churn_risk";
        present(churnRisk, p);
        fraction(churnRisk.threshold(), p + ".threshold");
        fraction(churnRisk.rearmBelow(), p + ".rearm_below");
        check(churnRisk.rearmBelow() < churnRisk.threshold(), p + ".rearm_below must be below threshold");
        fraction(churnRisk.escalateBy(), p + ".escalate_by");
        fraction(churnRisk.criticalAt(), p + ".critical_at");
        check(churnRisk.criticalAt() > churnRisk.threshold(), p + ".critical_at must be above threshold");
        duration(churnRisk.cooldown(), p + ".cooldown", true);

        p = SECTION + ".vip_negative_experience";
        present(vipNegativeExperience, p);
        tiers(vipNegativeExperience.tiers(), p + ".tiers");
        check(vipNegativeExperience.sentimentBelow() > -1 && vipNegativeExperience.sentimentBelow() < 0,
                p + ".sentiment_below must be in (-1,0)");
        duration(vipNegativeExperience.cooldown(), p + ".cooldown", true);
        duration(vipNegativeExperience.resolveAfter(), p + ".resolve_after", false);

        p = SECTION + ".complaint_unresolved";
        present(complaintUnresolved, p);
        duration(complaintUnresolved.defaultSla(), p + ".default_sla", false);
        complaintUnresolved.slaByCategory().forEach((category, sla) ->
                duration(sla, SECTION + ".complaint_unresolved.sla_by_category." + category, false));
        check(complaintUnresolved.maxTracked() >= 1 && complaintUnresolved.maxTracked() <= 200,
                p + ".max_tracked must be in [1,200]");
        check(complaintUnresolved.highSeverityTiers() != null, p + ".high_severity_tiers is missing (may be [])");

        p = SECTION + ".recovery";
        present(recovery, p);
        check(recovery.reboundTo() > -1 && recovery.reboundTo() < 1, p + ".rebound_to must be in (-1,1)");
        check(recovery.reboundBy() > 0 && recovery.reboundBy() <= 2, p + ".rebound_by must be in (0,2]");
        duration(recovery.window(), p + ".window", false);

        p = SECTION + ".contact_suppression";
        present(contactSuppression, p);
        fraction(contactSuppression.riskAbove(), p + ".risk_above");
        check(contactSuppression.maxContacts() >= 1 && contactSuppression.maxContacts() <= 100,
                p + ".max_contacts must be in [1,100]");
        duration(contactSuppression.contactWindow(), p + ".contact_window", false);
        return this;
    }

    private static void present(Object section, String path) {
        check(section != null, path + " is missing");
    }

    private static void fraction(double v, String path) {
        check(v > 0 && v < 1, path + " must be in (0,1)");
    }

    private static void tiers(List<String> tiers, String path) {
        check(tiers != null && !tiers.isEmpty(), path + " must name at least one tier");
        check(Set.copyOf(tiers).size() == tiers.size(), path + " names a tier twice");
    }

    private static void duration(String text, String path, boolean zeroAllowed) {
        check(text != null, path + " is missing");
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
        check(zeroAllowed ? !d.isNegative() : d.toMillis() > 0, path + " must be " + (zeroAllowed ? "at least 0" : "positive"));
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
