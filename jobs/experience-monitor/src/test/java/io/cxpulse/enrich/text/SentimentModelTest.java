package io.cxpulse.enrich.text;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SentimentModelTest {

    private final SentimentModel model = SentimentModel.shipped();

    private float score(String text) {
        return model.analyze(text).score();
    }

    @Test
    void clearChineseExamples() {
        assertThat(score("太好吃了，送餐也快，五星好评")).isPositive();
        assertThat(score("非常满意，下次还会再来")).isPositive();
        assertThat(score("太难吃了，再也不点了")).isNegative();
        assertThat(score("送餐太慢了，等了两个小时，饭菜都凉了")).isNegative();
        assertThat(score("服務態度很好，非常滿意")).isPositive();
        assertThat(score("服務態度很差，問題一直沒有解決")).isNegative();
    }

    @Test
    void clearEnglishExamples() {
        assertThat(score("Great product, works perfectly. Highly recommend!")).isPositive();
        assertThat(score("I love it")).isPositive();
        assertThat(score("Terrible service, I want a refund.")).isNegative();
        assertThat(score("worst experience ever")).isNegative();
    }

    @Test
    void negation() {
        assertThat(score("good")).isPositive();
        assertThat(score("not good at all")).isNegative();
        assertThat(score("I don't like it")).isNegative();
        assertThat(score("满意")).isPositive();
        assertThat(score("不满意")).isNegative();
        assertThat(score("好吃")).isPositive();
        assertThat(score("不好吃")).isNegative();
        assertThat(score("没有想象中好")).isNegative();
    }

    @Test
    void emoji() {
        assertThat(score("😍😍")).isPositive();
        assertThat(score("👍")).isPositive();
        assertThat(score("😡😡")).isNegative();
        assertThat(score("👎")).isNegative();
        assertThat(score("delivery today 😡")).isLessThan(score("delivery today 😍"));
    }

    @Test
    void resultContract() {
        SentimentResult r = new SentimentResult();
        model.score("客服态度很差", r);
        assertThat(r.score()).isBetween(-1f, 0f);
        assertThat(r.confidence()).isBetween(0f, 1f);
        assertThat(r.language()).isEqualTo("zh");
        assertThat(r.modelVersion()).isEqualTo("sentiment-v1");
        model.score("", r);
        assertThat(r.score()).isZero();
        assertThat(r.confidence()).isZero();
        assertThat(r.language()).isEqualTo("other");
        model.score(null, r);
        assertThat(r.score()).isZero();
        assertThat(model.label(0.9f)).isEqualTo("positive");
        assertThat(model.label(-0.9f)).isEqualTo("negative");
        assertThat(model.label(0f)).isEqualTo("neutral");
        // very long text is truncated, not rejected
        model.score("差".repeat(100_000), r);
        assertThat(r.score()).isNegative();
    }

    @Test
    void roundTripsThroughItsBinaryFormat() throws IOException {
        byte[] bytes = model.toBytes();
        SentimentModel copy = SentimentModel.read(new ByteArrayInputStream(bytes));
        assertThat(copy.toBytes()).isEqualTo(bytes);
        assertThat(copy.version()).isEqualTo(model.version());
        for (String t : List.of("送餐太慢了", "great product 😍", "not bad")) {
            assertThat(copy.analyze(t).score()).isEqualTo(model.analyze(t).score());
        }
        assertThat(bytes.length).isLessThan(4 << 20);
        assertThatThrownBy(() -> SentimentModel.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8})))
                .isInstanceOf(IOException.class);
        assertThat(SentimentModel.cached("classpath:" + SentimentModel.DEFAULT_RESOURCE).version())
                .isEqualTo("sentiment-v1");
    }

    @Test
    void scoringDoesNotAllocate() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SentimentResult r = new SentimentResult();
        String[] texts = {"送餐太慢了，等了一个小时", "The app keeps crashing, fix it!! 😡", "服務態度很好👍"};
        for (int i = 0; i < 20_000; i++) {
            model.score(texts[i % texts.length], r);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            model.score(texts[i % texts.length], r);
        }
        long perText = (mx.getThreadAllocatedBytes(tid) - before) / 10_000;
        assertThat(perText).isLessThan(16);
    }

    @Test
    void handWrittenCheckSetAccuracy() throws IOException {
        int n = 0;
        int ok = 0;
        try (InputStream in = getClass().getResourceAsStream("/text/sentiment-check.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", 2);
                boolean positive = f[0].equals("positive");
                n++;
                if ((score(f[1]) > 0) == positive) {
                    ok++;
                }
            }
        }
        double acc = (double) ok / n;
        System.out.printf("sentiment check set: %d/%d = %.3f%n", ok, n, acc);
        assertThat(n).isGreaterThanOrEqualTo(60);
        assertThat(acc).isGreaterThanOrEqualTo(0.90);
    }
}
