package io.cxpulse.alerts.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpsAlertSettingsTest {

    @Test
    void theShippedJsonBindsEqualToTheDefaults() throws Exception {
        try (var in = OpsAlertSettings.class.getResourceAsStream(OpsAlertSettings.DEFAULT_RESOURCE)) {
            assertThat(new ObjectMapper().readValue(in, OpsAlertSettings.class)).isEqualTo(OpsAlertSettings.defaults());
        }
        assertThat(OpsAlertSettings.load(null)).isEqualTo(OpsAlertSettings.defaults());
        assertThat(OpsAlertSettings.defaults().viralMention().window()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void validateNamesTheFieldAtFault() {
        OpsAlertSettings d = OpsAlertSettings.defaults();
        var badP = new OpsAlertSettings(d.baseline(), new OpsAlertSettings.CountRule(1.5, 5, 3, 0.5, 30, 20, 5, 0.01, 3),
                d.slaBreachSurge(), d.sentimentDrop(), d.viralMention());
        assertThatThrownBy(badP::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("complaintSpike.pValue must be in (0,1)");
        var badWindow = new OpsAlertSettings(d.baseline(), d.complaintSpike(), d.slaBreachSurge(), d.sentimentDrop(),
                new OpsAlertSettings.ViralRule(-0.3, 100_000, 1000, 1_000_000, Duration.ZERO));
        assertThatThrownBy(badWindow::validate).hasMessageStartingWith("viralMention.window must be at least");
        var badTexts = new OpsAlertSettings(d.baseline(), d.complaintSpike(), d.slaBreachSurge(),
                new OpsAlertSettings.SentimentRule(1e-4, 0, 0.2, 0.05, 30, 0.01, 3), d.viralMention());
        assertThatThrownBy(badTexts::validate).hasMessage("sentimentDrop.minTexts must be at least 1");
    }

    @Test
    void aFileIsLoadedAndValidatedAndATypoIsRefused(@TempDir Path dir) throws Exception {
        String shipped = new String(OpsAlertSettings.class.getResourceAsStream(OpsAlertSettings.DEFAULT_RESOURCE).readAllBytes());
        Path file = dir.resolve("ops.json");
        Files.writeString(file, shipped.replace("\"window\": \"6h\"", "\"window\": \"90m\""));
        assertThat(OpsAlertSettings.load(file.toString()).viralMention().window()).isEqualTo(Duration.ofMinutes(90));
        Files.writeString(file, shipped.replace("\"minRatio\"", "\"minRatios\""));
        assertThatThrownBy(() -> OpsAlertSettings.load(file.toString())).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file.toString());
        Files.writeString(file, shipped.replace("\"slotTrustMinutes\": 120", "\"slotTrustMinutes\": 0"));
        assertThatThrownBy(() -> OpsAlertSettings.load(file.toString())).hasMessage("baseline.slotTrustMinutes must be at least 1");
    }
}
