package io.cxpulse.alerts.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped rules file is the defaults; a wrong setting is refused with the field's name. */
class CustomerAlertSettingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theShippedRulesFileBindsToTheDefaults() {
        assertThat(CustomerAlertSettings.fromDefaultResource()).isEqualTo(CustomerAlertSettings.defaults());
        assertThat(CustomerAlertSettings.defaults().validate().churnRisk().cooldownMs()).isEqualTo(7 * 86_400_000L);
    }

    @Test
    void perCategorySlasAreOptionalAndUsedForTheirCategory() throws Exception {
        ObjectNode rules = defaultRules();
        ObjectNode unresolved = (ObjectNode) rules.path("customer").path("complaint_unresolved");
        unresolved.remove("sla_by_category");
        assertThat(CustomerAlertSettings.fromRules(rules).complaintUnresolved().slaByCategory()).isEmpty();
        unresolved.putObject("sla_by_category").put("billing", "12h");
        var bound = CustomerAlertSettings.fromRules(rules).complaintUnresolved();
        assertThat(bound.slaMs("billing")).isEqualTo(12 * 3_600_000L);
        assertThat(bound.slaMs("delivery")).isEqualTo(48 * 3_600_000L);
        assertThat(bound.slaMs(null)).isEqualTo(48 * 3_600_000L);
    }

    @Test
    void aValueOutOfRangeIsRefusedWithItsField() throws Exception {
        assertRefused("churn_risk", "threshold", 1.5, "customer.churn_risk.threshold must be in (0,1)");
        assertRefused("churn_risk", "rearm_below", 0.7, "customer.churn_risk.rearm_below must be below threshold");
        assertRefused("churn_risk", "critical_at", 0.5, "customer.churn_risk.critical_at");
        assertRefused("vip_negative_experience", "sentiment_below", 0.2, "customer.vip_negative_experience.sentiment_below");
        assertRefused("complaint_unresolved", "max_tracked", 0, "customer.complaint_unresolved.max_tracked");
        assertRefused("recovery", "rebound_by", -0.1, "customer.recovery.rebound_by");
        assertRefused("contact_suppression", "max_contacts", 0, "customer.contact_suppression.max_contacts");
    }

    @Test
    void aBadDurationIsRefusedWithItsField() throws Exception {
        assertRefused("churn_risk", "cooldown", "7x", "customer.churn_risk.cooldown: '7x' is not a duration");
        assertRefused("recovery", "window", "0s", "customer.recovery.window must be positive");
        ObjectNode rules = defaultRules();
        ((ObjectNode) rules.path("customer").path("complaint_unresolved")).putObject("sla_by_category").put("billing", "soon");
        assertThatThrownBy(() -> CustomerAlertSettings.fromRules(rules))
                .hasMessageStartingWith("customer.complaint_unresolved.sla_by_category.billing: 'soon'");
    }

    @Test
    void aMissingSectionOrAnUnknownFieldIsRefused() throws Exception {
        ObjectNode rules = defaultRules();
        ((ObjectNode) rules.path("customer")).remove("recovery");
        assertThatThrownBy(() -> CustomerAlertSettings.fromRules(rules)).hasMessage("customer.recovery is missing");

        ObjectNode typo = defaultRules();
        ((ObjectNode) typo.path("customer").path("churn_risk")).put("treshold", 0.6);
        assertThatThrownBy(() -> CustomerAlertSettings.fromRules(typo)).hasMessageContaining("treshold");

        assertThatThrownBy(() -> CustomerAlertSettings.fromRules(JSON.createObjectNode()))
                .hasMessageContaining("'customer'");
    }

    @Test
    void tiersMustBeNamed() {
        var d = CustomerAlertSettings.defaults();
        var none = new CustomerAlertSettings(d.churnRisk(),
                new CustomerAlertSettings.VipNegativeExperience(List.of(), -0.5, "24h", "24h"),
                d.complaintUnresolved(), d.recovery(), d.contactSuppression());
        assertThatThrownBy(none::validate).hasMessage("customer.vip_negative_experience.tiers must name at least one tier");
        var map = new CustomerAlertSettings.ComplaintUnresolved("48h", Map.of(), 20, List.of());
        assertThat(map.slaText("billing")).isEqualTo("48h");
    }

    private static void assertRefused(String section, String field, Object value, String message) throws Exception {
        ObjectNode rules = defaultRules();
        ObjectNode s = (ObjectNode) rules.path("customer").path(section);
        s.set(field, JSON.valueToTree(value));
        assertThatThrownBy(() -> CustomerAlertSettings.fromRules(rules)).as(section + "." + field)
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    private static ObjectNode defaultRules() throws Exception {
        try (var in = CustomerAlertSettingsTest.class.getResourceAsStream(CustomerAlertSettings.DEFAULT_RESOURCE)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }
}
