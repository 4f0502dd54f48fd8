package io.cxpulse.churn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.profile.CustomerState;
import io.cxpulse.profile.CustomerStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChurnModelTest {

    @Test
    void theShippedModelHasAWeightForEveryFeatureAndTheRightSigns() {
        ChurnModel m = ChurnModel.load(null);
        assertThat(m.version()).isEqualTo("churn-v1");
        for (Feature f : Feature.values()) {
            if (f == Feature.QUICK_RESOLUTIONS || f == Feature.POSITIVE_SENTIMENT) {
                assertThat(m.weight(f)).as(f.code()).isLessThanOrEqualTo(0);
            } else {
                assertThat(m.weight(f)).as(f.code()).isGreaterThanOrEqualTo(0);
            }
        }
    }

    @Test
    void contributionsAddUpToTheRiskInLogOdds() {
        double[] w = new double[Feature.values().length];
        w[Feature.OPEN_COMPLAINTS.ordinal()] = 0.5;
        w[Feature.CANCEL_INTENT.ordinal()] = 1.0;
        ChurnModel m = new ChurnModel("t", -2, w);
        CustomerState s = new CustomerState();
        io.cxpulse.profile.CustomerUpdates.apply(s, Events.complaint("c", 0, "k1", "opened", -0.5f));
        io.cxpulse.profile.CustomerUpdates.apply(s, Events.complaint("c", 0, "k2", "opened", -0.5f));
        io.cxpulse.profile.CustomerUpdates.apply(s, Events.click("c", 0, "cancel_flow"));
        ChurnScore score = m.score(ChurnFeatures.of(s, Events.day(0)));
        assertThat(score.contributions()[Feature.OPEN_COMPLAINTS.ordinal()]).isCloseTo(1.0, within(1e-9));
        assertThat(score.contributions()[Feature.CANCEL_INTENT.ordinal()]).isCloseTo(1.0, within(1e-9));
        assertThat(score.risk()).isCloseTo(1 / (1 + Math.exp(-(-2 + 2.0))), within(1e-9));
        assertThat(score.reasons(3)).containsExactlyInAnyOrder(Feature.OPEN_COMPLAINTS, Feature.CANCEL_INTENT);
        Explanations.Explanation why = Explanations.explain(ChurnFeatures.of(s, Events.day(0)), score,
                CustomerStatus.ACTIVE, 3);
        assertThat(why.english()).contains("2 unresolved complaints").contains("opened the cancellation page");
        assertThat(why.chinese()).contains("2 个投诉未解决").contains("访问了取消订阅页面");
    }

    @Test
    void aModelFileRoundTripsAndAMissingWeightIsNamed(@TempDir Path dir) throws Exception {
        ChurnModel m = ChurnModel.load(null);
        Path file = dir.resolve("m.json");
        Files.writeString(file, m.toJson("test").toString());
        assertThat(ChurnModel.load(file.toString()).weight(Feature.ENGAGEMENT_DROP)).isEqualTo(m.weight(Feature.ENGAGEMENT_DROP));
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(file.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("weights")).remove("cancel_intent");
        Files.writeString(file, json.toString());
        assertThatThrownBy(() -> ChurnModel.load(file.toString())).hasMessageContaining("weights.cancel_intent is missing");
    }
}
