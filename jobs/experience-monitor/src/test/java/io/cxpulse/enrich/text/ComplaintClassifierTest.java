package io.cxpulse.enrich.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ComplaintClassifierTest {

    private final ComplaintClassifier classifier = ComplaintClassifier.withDefaults();

    @Test
    void defaultTaxonomyHasTheConsumerCategories() {
        assertThat(classifier.taxonomy().categories()).extracting(Taxonomy.Category::id).containsExactlyInAnyOrder(
                "delivery", "product_quality", "billing_refund", "warranty_repair", "wait_time", "staff_attitude",
                "app_website", "counterfeit", "privacy_contact", "price", "account_subscription");
        assertThat(classifier.taxonomy().fallback().id()).isEqualTo("other");
        assertThat(classifier.taxonomy().department("delivery")).isEqualTo("logistics");
        assertThat(classifier.taxonomy().department("nonsense")).isEqualTo("customer_care");
    }

    @Test
    void labeledSampleAccuracy() throws IOException {
        int n = 0;
        int ok = 0;
        Map<String, int[]> perCategory = new TreeMap<>();
        StringBuilder misses = new StringBuilder();
        try (InputStream in = getClass().getResourceAsStream("/text/complaints-labeled.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 2);
                ComplaintClassifier.Classification c = classifier.classify(f[1]);
                int[] pc = perCategory.computeIfAbsent(f[0], k -> new int[2]);
                n++;
                pc[0]++;
                if (c.category().equals(f[0])) {
                    ok++;
                    pc[1]++;
                } else {
                    misses.append("  expected ").append(f[0]).append(", got ").append(c.category())
                            .append(" (").append(c.cue()).append("): ").append(f[1]).append('\n');
                }
            }
        }
        double acc = (double) ok / n;
        System.out.printf("complaint taxonomy accuracy: %d/%d = %.3f%n%s", ok, n, acc, misses);
        perCategory.forEach((k, v) -> System.out.printf("  %-22s %d/%d%n", k, v[1], v[0]));
        assertThat(n).isGreaterThanOrEqualTo(40);
        assertThat(acc).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    void keepsAGivenCategory() {
        ComplaintClassifier.Classification c = classifier.resolve("billing_refund", "快递三天还没到");
        assertThat(c.category()).isEqualTo("billing_refund");
        assertThat(c.department()).isEqualTo("billing");
        assertThat(classifier.resolve(null, "快递三天还没到").category()).isEqualTo("delivery");
        assertThat(classifier.resolve(" ", "the app crashes").category()).isEqualTo("app_website");
        assertThat(classifier.resolve("custom_thing", "x").department()).isEqualTo("customer_care");
    }

    @Test
    void nothingMatchedIsOther() {
        assertThat(classifier.classify("你好").category()).isEqualTo("other");
        assertThat(classifier.classify("").category()).isEqualTo("other");
        assertThat(classifier.classify(null).department()).isEqualTo("customer_care");
    }

    @Test
    void englishCuesMatchWholeWordsAndPrefixes() {
        assertThat(classifier.classify("I'd like a refund").category()).isEqualTo("billing_refund");
        assertThat(classifier.classify("still not refunded").category()).isEqualTo("billing_refund");
        // "app" must not match inside "happy", "apple"
        assertThat(classifier.classify("not happy with the apple pie").category()).isNotEqualTo("app_website");
    }

    @Test
    void customTaxonomyFileOverridesTheDefault(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("taxonomy.json");
        Files.writeString(file, """
                {"version": "acme-1",
                 "fallback": {"id": "general", "department": "front_desk"},
                 "categories": [
                   {"id": "room", "name": "Room", "department": "housekeeping",
                    "cues": {"zh": ["房間^2", "床单"], "en": ["room*^2", "towel*"]}},
                   {"id": "food", "department": "kitchen", "cues": ["早餐", "breakfast"]}
                 ]}""");
        ComplaintClassifier custom = new ComplaintClassifier(Taxonomy.load(file.toString()));
        assertThat(custom.taxonomy().version()).isEqualTo("acme-1");
        assertThat(custom.classify("房间很脏，床單也没换").category()).isEqualTo("room");
        assertThat(custom.classify("No towels in my rooms").department()).isEqualTo("housekeeping");
        assertThat(custom.classify("早餐太难吃").category()).isEqualTo("food");
        ComplaintClassifier.Classification none = custom.classify("快递三天还没到");
        assertThat(none.category()).isEqualTo("general");
        assertThat(none.department()).isEqualTo("front_desk");
    }
}
