package io.cxpulse.alerts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code ops} section of the shipped rules file, as {@link io.cxpulse.alerts.AlertRules} binds it. */
class OpsAlertSettingsTest {

    private static String shipped() throws Exception {
        try (var in = OpsAlertSettings.class.getResourceAsStream(OpsAlertSettings.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes());
        }
    }

    private static OpsAlertSettings bind(String rules) throws Exception {
        JsonNode tree = new ObjectMapper().readTree(rules);
        return OpsAlertSettings.fromRules(tree);
    }

    @Test
    void theShippedOpsSectionBindsEqualToTheDefaults() throws Exception {
        assertThat(bind(shipped())).isEqualTo(OpsAlertSettings.defaults());
        assertThat(shipped()).contains("\"complaint_spike\"", "\"p_value\"", "\"resolve_p_value\"", "\"level_half_life\"")
                .doesNotContain("\"complaintSpike\"", "\"pValue\"");
        assertThat(OpsAlertSettings.defaults().viralMention().window()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void aValueIsReadFromItsSnakeCaseKey() throws Exception {
        String rules = shipped().replace("\"window\": \"6h\"", "\"window\": \"90m\"")
                .replace("\"resolve_after_minutes\": 3", "\"resolve_after_minutes\": 4");
        OpsAlertSettings s = bind(rules);
        assertThat(s.viralMention().window()).isEqualTo(Duration.ofMinutes(90));
        assertThat(s.complaintSpike().resolveAfterMinutes()).isEqualTo(4);
    }

    @Test
    void aTypoIsRefusedNamingTheField() throws Exception {
        String rules = shipped().replace("\"min_ratio\"", "\"min_ratios\"");
        assertThatThrownBy(() -> bind(rules)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("ops: ").hasMessageContaining("\"min_ratios\"");
        String camel = shipped().replace("\"p_value\"", "\"pValue\"");
        assertThatThrownBy(() -> bind(camel)).hasMessageContaining("\"pValue\"");
    }

    @Test
    void aBadValueInTheFileIsRefusedNamingTheField() throws Exception {
        String rules = shipped().replace("\"slot_trust_minutes\": 120", "\"slot_trust_minutes\": 0");
        assertThatThrownBy(() -> bind(rules)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ops.baseline.slot_trust_minutes must be at least 1");
        String badDuration = shipped().replace("\"window\": \"6h\"", "\"window\": \"six hours\"");
        assertThatThrownBy(() -> bind(badDuration)).hasMessageStartingWith("ops: ").hasMessageContaining("six hours");
    }

    @Test
    void validateNamesTheFieldAtFaultAsTheFileSpellsIt() {
        OpsAlertSettings d = OpsAlertSettings.defaults();
        var badP = new OpsAlertSettings(d.baseline(), new OpsAlertSettings.CountRule(1.5, 5, 3, 0.5, 30, 20, 5, 0.01, 2, 3),
                d.slaBreachSurge(), d.sentimentDrop(), d.viralMention());
        assertThatThrownBy(badP::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ops.complaint_spike.p_value must be in (0,1)");
        var badResolve = new OpsAlertSettings(d.baseline(), d.complaintSpike(),
                new OpsAlertSettings.CountRule(1e-6, 5, 3, 0.5, 30, 20, 5, 1e-7, 2, 3), d.sentimentDrop(), d.viralMention());
        assertThatThrownBy(badResolve::validate).hasMessage("ops.sla_breach_surge.resolve_p_value must be in [p_value,1)");
        var badWindow = new OpsAlertSettings(d.baseline(), d.complaintSpike(), d.slaBreachSurge(), d.sentimentDrop(),
                new OpsAlertSettings.ViralRule(-0.3, 100_000, 1000, 1_000_000, Duration.ZERO));
        assertThatThrownBy(badWindow::validate).hasMessageStartingWith("ops.viral_mention.window must be at least");
        var badTexts = new OpsAlertSettings(d.baseline(), d.complaintSpike(), d.slaBreachSurge(),
                new OpsAlertSettings.SentimentRule(1e-4, 0, 0.2, 0.05, 30, 0.01, 3), d.viralMention());
        assertThatThrownBy(badTexts::validate).hasMessage("ops.sentiment_drop.min_texts must be at least 1");
        var missing = new OpsAlertSettings(d.baseline(), d.complaintSpike(), null, d.sentimentDrop(), d.viralMention());
        assertThatThrownBy(missing::validate).hasMessage("ops.sla_breach_surge is missing");
    }
}
