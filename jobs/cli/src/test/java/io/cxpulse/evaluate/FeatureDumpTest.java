package io.cxpulse.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.churn.CustomerScore;
import io.cxpulse.churn.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureDumpTest {

    @Test
    void writesEveryScoreRowWithItsFeaturesAndEveryEventWithoutTexts(@TempDir Path dir) throws Exception {
        float[] features = new float[Feature.values().length];
        features[Feature.CANCEL_INTENT.ordinal()] = 2.5f;
        CustomerScore score = new CustomerScore("cust-000001", 1_767_571_200_000L, 1, "e1", "event:click", 0.25f, "active",
                -0.5f, 0.1f, new String[0], new float[0], "", "", features, 0, 0, 0, null, null, null, null, "test");
        EvaluationScenario scenario = new EvaluationScenario(3, 10, 14, 4);

        FeatureDump.write(dir, scenario, List.of(score));

        List<String> scores = Files.readAllLines(dir.resolve("scores.csv"));
        assertThat(scores).hasSize(2);
        assertThat(scores.get(0).split(",")).hasSize(8 + Feature.values().length).contains("cancel_intent");
        String[] row = scores.get(1).split(",");
        assertThat(row[0]).isEqualTo("cust-000001");
        assertThat(Double.parseDouble(row[8 + Feature.CANCEL_INTENT.ordinal()])).isEqualTo(2.5);

        List<String> events = Files.readAllLines(dir.resolve("events.csv"));
        assertThat(events).hasSizeGreaterThan(100);
        assertThat(events.subList(1, events.size())).allSatisfy(line -> assertThat(line.split(",", -1)).hasSize(7));
        assertThat(events).anyMatch(line -> line.contains(",opened,"));
        // the dump is for numbers: no customer text (complaints, posts) may leave the run
        assertThat(String.join("\n", events)).doesNotContain("\"text\"").doesNotContain("http").doesNotContain("@user");
    }
}
