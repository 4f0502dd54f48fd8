package io.cxpulse.bench;

import io.cxpulse.enrich.text.ComplaintClassifier;
import io.cxpulse.enrich.text.SentimentModel;
import io.cxpulse.enrich.text.SentimentResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Sentiment scoring throughput on typical short complaint / social-mention texts (zh simplified and traditional,
 * English, mixed, emoji). One op = one text (the 16 texts are scored in turn); single thread = one core.
 *
 * <pre>java -jar jobs/benchmarks/target/benchmarks.jar SentimentBench -prof gc</pre>
 * {@code gc.alloc.rate.norm} is the allocation per text.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class SentimentBench {

    static final String[] TEXTS = {
            "送餐太慢了，等了一个多小时，饭菜都凉了",
            "快递三天还没到，客服电话也打不通",
            "味道不错，分量足，骑手很准时👍",
            "服務態度很差，問題一直沒有解決",
            "退款申请提交一周了还没到账",
            "这个app太卡了，一直闪退😡",
            "东西质量很好，和描述一致，五星好评",
            "外賣送得很快，味道不錯",
            "The app keeps crashing every time I try to pay. Fix it!!",
            "Still waiting for my refund after 3 weeks 🙄",
            "Great product, fast shipping, would buy again 😍",
            "I've been on hold for 45 minutes, this is ridiculous",
            "not happy with the quality at all, returning it",
            "shoutout to @acme for the quick fix, super impressed",
            "Package arrived damaged and nobody answers the phone",
            "ok",
    };

    private SentimentModel model;
    private SentimentResult result;
    private ComplaintClassifier classifier;

    @Setup
    public void setup() {
        model = SentimentModel.shipped();
        result = new SentimentResult();
        classifier = ComplaintClassifier.withDefaults();
    }

    /** Scores all 16 texts; reported per text. */
    @Benchmark
    @OperationsPerInvocation(16)
    public float score() {
        float acc = 0f;
        for (String t : TEXTS) {
            model.score(t, result);
            acc += result.score() + result.confidence();
        }
        return acc;
    }

    /** Complaint classification against the default taxonomy; reported per text. */
    @Benchmark
    @OperationsPerInvocation(16)
    public int classify() {
        int acc = 0;
        for (String t : TEXTS) {
            acc += classifier.classify(t).category().length();
        }
        return acc;
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }

    static final TimeUnit UNIT = TimeUnit.SECONDS;
}
