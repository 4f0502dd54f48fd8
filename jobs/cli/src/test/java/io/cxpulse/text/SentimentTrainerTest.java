package io.cxpulse.text;

import io.cxpulse.enrich.text.SentimentModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SentimentTrainerTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(SentimentTrainerTest.class.getResource("/" + name).toURI());
    }

    private static SentimentTrainer.Options options(Path out, long seed) throws URISyntaxException {
        SentimentTrainer.Options d = SentimentTrainer.Options.defaults(fixture("text-fixture"), out);
        // small hash space: fast and small in a unit test
        return new SentimentTrainer.Options(d.dataDir(), List.of(fixture("feedback.tsv")), List.of(), out, seed,
                "sentiment-test", 14, 3, d.alpha(), d.beta(), d.l1(), d.l2(), d.heldOutPercent(), d.englishWeight(),
                d.lexiconDocWeight(), d.neutralBand());
    }

    @Test
    void sameDataAndSeedGiveTheSameModelBytes(@TempDir Path dir) throws Exception {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        SentimentTrainer.Result a = new SentimentTrainer(options(dir.resolve("a"), 7), quiet).run();
        SentimentTrainer.Result b = new SentimentTrainer(options(dir.resolve("b"), 7), quiet).run();
        assertThat(a.modelBytes()).isEqualTo(b.modelBytes());
        assertThat(Files.readAllBytes(a.modelFile())).isEqualTo(Files.readAllBytes(b.modelFile()));
        assertThat(Files.readString(a.metricsFile())).isEqualTo(Files.readString(b.metricsFile()));

        SentimentModel m = SentimentModel.load(a.modelFile());
        assertThat(m.version()).isEqualTo("sentiment-test");
        assertThat(m.hashBits()).isEqualTo(14);
        assertThat(m.analyze("good").score()).isPositive();
        assertThat(m.analyze("bad").score()).isNegative();
        @SuppressWarnings("unchecked")
        Map<String, Object> corpora = (Map<String, Object>) a.metrics().get("corpora");
        assertThat(corpora).containsKeys("tiny_shop", "tinyMovie_GroundTruth", "feedback");
    }

    @Test
    void readsTheCorpusFormats() throws Exception {
        List<LabeledText> zh = Corpora.readChineseCsv(fixture("text-fixture/zh/tiny_shop.csv"));
        assertThat(zh).hasSize(6); // the empty review is skipped
        assertThat(zh.get(0).text()).isEqualTo("很新鲜,好吃");
        assertThat(zh.get(0).label()).isEqualTo(1);
        assertThat(zh.get(1).label()).isEqualTo(-1);
        List<LabeledText> en = Corpora.readVaderSnippets(fixture("text-fixture/en/tinyMovie_GroundTruth.txt"));
        assertThat(en).extracting(LabeledText::label).containsExactly(1, -1, 0, 1, -1);
        List<LabeledText> user = Corpora.readUserTsv(fixture("feedback.tsv"));
        assertThat(user).extracting(LabeledText::label).containsExactly(1, -1, -1, 1, 0);
        assertThat(user.get(1).language()).isEqualTo("zh");
    }

    @Test
    void sentimentCommandPrintsOneLinePerInputLine(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.txt");
        Files.writeString(in, "太棒了，非常满意\n\n服務態度很差\nterrible, never again 😡\n");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        SentimentCommand cmd = new SentimentCommand();
        cmd.out = buf;
        int code = new CommandLine(cmd).execute("--file", in.toString());
        assertThat(code).isZero();
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).matches("0\\.\\d{4}\tpositive");
        assertThat(lines[1]).isEqualTo("0.0000\tneutral");
        assertThat(lines[2]).matches("-0\\.\\d{4}\tnegative");
        assertThat(lines[3]).endsWith("\tnegative");
    }

    @Test
    void scoreFormatting() {
        StringBuilder sb = new StringBuilder();
        SentimentCommand.appendScore(sb, -0.05f);
        sb.append(' ');
        SentimentCommand.appendScore(sb, 1f);
        assertThat(sb.toString()).isEqualTo("-0.0500 1.0000");
    }
}
