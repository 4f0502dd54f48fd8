package io.cxpulse.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.alerts.customer.CustomerAlertSettings;
import io.cxpulse.alerts.ops.OpsAlertSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRulesTest {

    private static String shipped() throws Exception {
        try (var in = AlertRules.class.getResourceAsStream(AlertRules.DEFAULT_RESOURCE)) {
            return new String(in.readAllBytes());
        }
    }

    @Test
    void theShippedRulesAreTheDefaults() {
        AlertRules rules = AlertRules.load(null);
        assertThat(rules.customer()).isEqualTo(CustomerAlertSettings.defaults());
        assertThat(rules.ops()).isEqualTo(OpsAlertSettings.defaults());
        assertThat(rules.version()).isEqualTo("alert-rules-1");
        assertThat(AlertRules.load("classpath:" + AlertRules.DEFAULT_RESOURCE)).isEqualTo(rules);
    }

    @Test
    void aFileIsLoaded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rules.json");
        Files.writeString(file, shipped().replace("\"threshold\": 0.5", "\"threshold\": 0.6")
                .replace("\"min_count\": 5", "\"min_count\": 6"));
        AlertRules rules = AlertRules.load(file.toString());
        assertThat(rules.customer().churnRisk().threshold()).isEqualTo(0.6);
        assertThat(rules.ops().complaintSpike().minCount()).isEqualTo(6);
        assertThat(rules.ops().slaBreachSurge().minCount()).isEqualTo(6);
    }

    @Test
    void aFileMissingASectionIsRefusedNamingFileAndSection(@TempDir Path dir) throws Exception {
        for (String section : new String[] {"customer", "ops"}) {
            ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(shipped());
            tree.remove(section);
            Path file = dir.resolve("no-" + section + ".json");
            Files.writeString(file, tree.toPrettyString());
            assertThatThrownBy(() -> AlertRules.load(file.toString())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(file + ": the rules have no '" + section + "' section");
        }
    }

    @Test
    void aBadValueIsRefusedNamingFileAndField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, shipped().replace("\"p_value\": 1e-06", "\"p_value\": 0"));
        assertThatThrownBy(() -> AlertRules.load(file.toString())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": ops.complaint_spike.p_value must be in (0,1)");
        Files.writeString(file, shipped().replace("\"max_tracked\": 20", "\"max_tracked\": 0"));
        assertThatThrownBy(() -> AlertRules.load(file.toString()))
                .hasMessageStartingWith(file + ": customer.complaint_unresolved.max_tracked");
        Files.writeString(file, shipped().replace("\"lambda_floor\"", "\"lamda_floor\""));
        assertThatThrownBy(() -> AlertRules.load(file.toString()))
                .hasMessageStartingWith(file + ": ops: ").hasMessageContaining("\"lamda_floor\"");
    }

    @Test
    void anUnreadableFileIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("absent.json");
        assertThatThrownBy(() -> AlertRules.load(file.toString())).hasMessageStartingWith(file + " cannot be read");
    }
}
