package io.cxpulse.alerts.ops;

import io.cxpulse.alerts.Alert;
import io.cxpulse.alerts.AlertIds;
import io.cxpulse.alerts.AlertKind;
import io.cxpulse.enrich.text.Taxonomy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by {@link ScopeMinute#key()}: one ops incident per scope at a time, opened when a minute is truly abnormal
 * for that time of day and resolved after {@code resolveAfterMinutes} calm minutes in a row (calm is a looser test
 * than abnormal, so an incident does not flap while the signal hovers near the threshold).
 *
 * <p>A minute is judged once, on an event-time timer at its last millisecond: the metric rows of a minute are emitted
 * when the watermark passes its end, before the watermark itself, so by the time the timer fires every row of the
 * minute has been summed. Minutes with no row are judged too (count 0), by a timer for the next minute, while an
 * incident is open or the baseline is non-trivial: quiet minutes resolve incidents and teach the baseline that the
 * scope is quiet. A scope with a trivial baseline sleeps; its quiet minutes are learned when its next row comes.
 *
 * <p>The baseline does not learn from a young incident's minutes (a burst must not raise the bar for the next
 * burst): they are held back, and learned only once the incident has lasted {@code learnIncidentAfterMinutes} — then
 * it is a shift in level, such as a busy hour, which must become the norm for that hour.
 */
public final class DetectIncidents extends KeyedProcessFunction<String, ScopeMinute, Alert> {

    static final long MINUTE_MS = 60_000L;
    /** Quiet minutes learned at most when a sleeping scope wakes; beyond two weeks its baseline has decayed anyway. */
    static final int MAX_CATCH_UP_MINUTES = 14 * 24 * 60;

    private final OpsAlertSettings settings;
    private final String taxonomyLocation;
    private transient ValueState<IncidentState> state;
    private transient Taxonomy taxonomy;
    private transient SeasonalBaseline.Rates rates;
    private transient Counter lateRows;

    /** @param taxonomyLocation where complaint_spike routes from (category → department); null = the shipped taxonomy */
    public DetectIncidents(OpsAlertSettings settings, String taxonomyLocation) {
        this.settings = settings.validate();
        this.taxonomyLocation = taxonomyLocation;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>("ops-incident", TypeInformation.of(IncidentState.class)));
        taxonomy = Taxonomy.load(taxonomyLocation);
        rates = SeasonalBaseline.Rates.of(settings.baseline());
        lateRows = getRuntimeContext().getMetricGroup().counter("opsIncidentLateRows");
    }

    @Override
    public void processElement(ScopeMinute row, Context ctx, Collector<Alert> out) throws Exception {
        IncidentState s = state.value();
        if (s == null) {
            s = new IncidentState();
            s.kind = row.kind();
            s.scopeType = row.scopeType();
            s.scope = row.scope();
            s.category = row.category();
            s.channel = row.channel();
            s.region = row.region();
        }
        if (s.lastJudgedMinuteMs != 0 && row.minuteStartMs() <= s.lastJudgedMinuteMs) {
            // the minute was judged already, as it was on time
            lateRows.inc();
            return;
        }
        s.addPending(row.minuteStartMs(), row.count(), row.total(), row.sentimentSum());
        ctx.timerService().registerEventTimeTimer(lastMs(row.minuteStartMs()));
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        IncidentState s = state.value();
        long minute = timestamp + 1 - MINUTE_MS;
        if (s == null || (s.lastJudgedMinuteMs != 0 && minute <= s.lastJudgedMinuteMs)) {
            return;
        }
        long processedAt = ctx.timerService().currentProcessingTime();
        if (s.lastJudgedMinuteMs != 0) {
            long quiet = (minute - s.lastJudgedMinuteMs) / MINUTE_MS - 1;
            long from = minute - Math.min(quiet, MAX_CATCH_UP_MINUTES) * MINUTE_MS;
            for (long m = from; m < minute; m += MINUTE_MS) {
                judge(s, s.takePending(m), processedAt, out);
            }
        }
        judge(s, s.takePending(minute), processedAt, out);
        if (s.incidentOpen() || expected(s, minute + MINUTE_MS) >= settings.baseline().trivialBelow()) {
            ctx.timerService().registerEventTimeTimer(timestamp + MINUTE_MS);
        }
        state.update(s);
    }

    private void judge(IncidentState s, ScopeMinute m, long processedAt, Collector<Alert> out) {
        long minute = m.minuteStartMs();
        if (s.firstMinuteMs == 0) {
            s.firstMinuteMs = minute;
        }
        s.lastJudgedMinuteMs = minute;
        MinuteJudgement j = judgement(s, m);
        if (!s.incidentOpen()) {
            long history = (minute - s.firstMinuteMs) / MINUTE_MS;
            boolean warm = history >= warmupMinutes(s) || (j.extreme() && history >= coldStartAfterMinutes(s));
            if (j.abnormal() && warm) {
                open(s, j, minute, processedAt, out);
                s.hold(minute, m.count(), m.total());
            } else {
                learn(s, minute, m.count(), m.total());
            }
            return;
        }
        s.minutesOpen++;
        s.calmStreak = j.calm() ? s.calmStreak + 1 : 0;
        s.peakObserved = Math.max(s.peakObserved, j.observed());
        if (s.calmStreak >= resolveAfterMinutes(s)) {
            out.collect(alert(s, Alert.RESOLVED, 2, j, IncidentReasons.resolved(s, j, minute), lastMs(minute), processedAt));
            boolean learning = s.heldMinuteMs.length == 0;
            s.closeIncident();
            if (learning) {
                learn(s, minute, m.count(), m.total());
            }
            return;
        }
        if (s.minutesOpen < settings.baseline().learnIncidentAfterMinutes()) {
            s.hold(minute, m.count(), m.total());
            return;
        }
        for (int i = 0; i < s.heldMinuteMs.length; i++) {
            learn(s, s.heldMinuteMs[i], s.heldCount[i], s.heldTotal[i]);
        }
        s.dropHeld();
        learn(s, minute, m.count(), m.total());
    }

    private void open(IncidentState s, MinuteJudgement j, long minute, long processedAt, Collector<Alert> out) {
        AlertKind kind = kind(s);
        s.alertId = AlertIds.of(kind, s.scopeType + ":" + s.scope, "minute-" + minute);
        s.severity = severity(s, j);
        s.openedMinuteMs = minute;
        s.openedAtMs = lastMs(minute);
        s.minutesOpen = 1;
        s.calmStreak = 0;
        s.peakObserved = j.observed();
        out.collect(alert(s, Alert.OPEN, 1, j, IncidentReasons.opened(s, j, minute), lastMs(minute), processedAt));
    }

    private MinuteJudgement judgement(IncidentState s, ScopeMinute m) {
        double usual = s.counts.expected(m.minuteStartMs(), rates);
        return switch (kind(s)) {
            case COMPLAINT_SPIKE -> MinuteJudgement.ofCount(settings.complaintSpike(), m.count(), usual);
            case SLA_BREACH_SURGE -> MinuteJudgement.ofCount(settings.slaBreachSurge(), m.count(), usual);
            default -> MinuteJudgement.ofSentiment(settings.sentimentDrop(), m.count(), m.total(), usual,
                    s.totals.expected(m.minuteStartMs(), rates));
        };
    }

    private void learn(IncidentState s, long minute, long count, long total) {
        s.counts.learn(minute, count, rates);
        if (kind(s) == AlertKind.SENTIMENT_DROP) {
            s.totals.learn(minute, total, rates);
        }
    }

    /** The scope's expected activity: counts, or for sentiment the texts (a scope with texts can turn negative). */
    private double expected(IncidentState s, long minute) {
        SeasonalBaseline b = kind(s) == AlertKind.SENTIMENT_DROP ? s.totals : s.counts;
        return b.expected(minute, rates);
    }

    /**
     * Counts: critical at ten times the usual and at least the cold-start count, high at five times or the
     * cold-start count, else warning. Sentiment: high when most texts are negative, else warning.
     */
    private String severity(IncidentState s, MinuteJudgement j) {
        if (kind(s) == AlertKind.SENTIMENT_DROP) {
            return j.observed() >= 0.5 ? "high" : "warning";
        }
        long coldStart = kind(s) == AlertKind.COMPLAINT_SPIKE
                ? settings.complaintSpike().coldStartCount() : settings.slaBreachSurge().coldStartCount();
        if (j.ratio() >= 10 && j.count() >= coldStart) {
            return "critical";
        }
        return j.ratio() >= 5 || j.count() >= coldStart ? "high" : "warning";
    }

    private Alert alert(IncidentState s, String status, int revision, MinuteJudgement j, IncidentReasons.Lines reasons,
            long eventTime, long processedAt) {
        boolean sentiment = kind(s) == AlertKind.SENTIMENT_DROP;
        String[] names = sentiment
                ? new String[] {"observed", "baseline", "p_value", "ratio", "texts", "negatives", "peak", "minutes_open"}
                : new String[] {"observed", "baseline", "p_value", "ratio", "peak", "minutes_open"};
        double[] values = sentiment
                ? new double[] {j.observed(), j.baseline(), j.pValue(), j.ratio(), j.texts(), j.count(), s.peakObserved, s.minutesOpen}
                : new double[] {j.observed(), j.baseline(), j.pValue(), j.ratio(), s.peakObserved, s.minutesOpen};
        return new Alert(s.alertId, s.kind, s.severity, status, revision, s.scopeType, s.scope, "", s.category, s.channel,
                s.region, routeTeam(s), "", "", reasons.en(), reasons.zh(), new String[0], names, values, s.openedAtMs,
                eventTime, processedAt);
    }

    private String routeTeam(IncidentState s) {
        return switch (kind(s)) {
            case COMPLAINT_SPIKE -> taxonomy.department(s.category);
            case SLA_BREACH_SURGE -> "service-ops";
            default -> "cx-ops";
        };
    }

    private int warmupMinutes(IncidentState s) {
        return switch (kind(s)) {
            case COMPLAINT_SPIKE -> settings.complaintSpike().warmupMinutes();
            case SLA_BREACH_SURGE -> settings.slaBreachSurge().warmupMinutes();
            default -> settings.sentimentDrop().warmupMinutes();
        };
    }

    private int coldStartAfterMinutes(IncidentState s) {
        return switch (kind(s)) {
            case COMPLAINT_SPIKE -> settings.complaintSpike().coldStartAfterMinutes();
            case SLA_BREACH_SURGE -> settings.slaBreachSurge().coldStartAfterMinutes();
            default -> Integer.MAX_VALUE; // sentiment has no cold start
        };
    }

    private int resolveAfterMinutes(IncidentState s) {
        return switch (kind(s)) {
            case COMPLAINT_SPIKE -> settings.complaintSpike().resolveAfterMinutes();
            case SLA_BREACH_SURGE -> settings.slaBreachSurge().resolveAfterMinutes();
            default -> settings.sentimentDrop().resolveAfterMinutes();
        };
    }

    private static AlertKind kind(IncidentState s) {
        for (AlertKind k : AlertKind.values()) {
            if (k.wireName().equals(s.kind)) {
                return k;
            }
        }
        throw new IllegalStateException("not an ops incident kind: " + s.kind);
    }

    /** The minute's last millisecond: the timestamp of its metric rows and of its timer. */
    static long lastMs(long minuteStartMs) {
        return minuteStartMs + MINUTE_MS - 1;
    }
}
