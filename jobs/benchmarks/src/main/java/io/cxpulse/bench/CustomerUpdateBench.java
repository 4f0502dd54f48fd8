package io.cxpulse.bench;

import io.cxpulse.churn.ChurnFeatures;
import io.cxpulse.churn.ChurnModel;
import io.cxpulse.churn.ChurnScore;
import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;
import io.cxpulse.model.SourceRef;
import io.cxpulse.profile.CustomerState;
import io.cxpulse.profile.CustomerUpdates;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-customer update of the scoring operator without Flink: {@link CustomerUpdates#apply} on a warm
 * {@link CustomerState} (a month of history, open complaints), then the churn features and score, as
 * {@code ScoreCustomer} does for every event. State load/store (RocksDB, serialization) is not included.
 * One op = one event; a realistic mix (clicks, complaint lifecycle, service events, a mention) in turn, time moving on.
 *
 * <pre>java -jar jobs/benchmarks/target/benchmarks.jar CustomerUpdateBench -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class CustomerUpdateBench {

    private static final long MINUTE_MS = 60_000;
    private static final long DAY_MS = 24 * 60 * MINUTE_MS;
    private static final String CUSTOMER = "C000417";

    private ChurnModel model;
    private CustomerState state;
    private long now;
    private int complaintSeq;

    @Setup
    public void setup() {
        model = ChurnModel.load(null);
        state = new CustomerState();
        now = System.currentTimeMillis() - 30 * DAY_MS;
        // a month of ordinary history so the decayed sums, open complaints and first-seen are those of a known customer
        for (int day = 0; day < 30; day++) {
            for (EnrichedEvent e : mix(now)) {
                CustomerUpdates.apply(state, e);
            }
            now += DAY_MS;
        }
    }

    /** One round of the mix: 6 events a few minutes apart. */
    private EnrichedEvent[] mix(long t) {
        String complaint = "CMP-" + (complaintSeq++);
        return new EnrichedEvent[] {
            event(EventType.CLICK, "view", t, null, null, null),
            event(EventType.CLICK, "search", t + MINUTE_MS, null, null, null),
            event(EventType.COMPLAINT, "opened", t + 2 * MINUTE_MS, complaint, -0.7f, null),
            event(EventType.SERVICE_EVENT, "call_answered", t + 3 * MINUTE_MS, "CASE-1", null, 420_000L),
            event(EventType.SOCIAL_MENTION, "mention", t + 4 * MINUTE_MS, null, -0.4f, null),
            event(EventType.COMPLAINT, "resolved", t + 5 * MINUTE_MS, complaint, 0.2f, null),
        };
    }

    private static EnrichedEvent event(EventType type, String kind, long t, String caseId, Float sentiment, Long waitMs) {
        CxEvent e = new CxEvent("e-" + t + kind, type, kind, CUSTOMER, t, type == EventType.SOCIAL_MENTION ? "weibo" : "app",
                null, caseId, sentiment == null ? null : "text", null, null, waitMs, null, null, null, null,
                type == EventType.SOCIAL_MENTION ? "weibo" : null, type == EventType.SOCIAL_MENTION ? "@lin" : null,
                type == EventType.SOCIAL_MENTION ? 1800L : null, null, null, new SourceRef("t", 0, 0, t), "{}");
        return new EnrichedEvent(e, false, sentiment, sentiment == null ? null : 0.85f, sentiment == null ? null : "zh",
                "bench", null, null, null, "event");
    }

    /** Applies a round of 6 events and scores after each; reported per event. */
    @Benchmark
    @OperationsPerInvocation(6)
    public double applyAndScore() {
        double acc = 0;
        for (EnrichedEvent e : mix(now)) {
            CustomerUpdates.apply(state, e);
            ChurnScore score = model.score(ChurnFeatures.of(state, e.event().eventTimeMs()));
            acc += score.risk();
        }
        now += 10 * MINUTE_MS;
        return acc;
    }
}
