package io.cxpulse.alerts.ops;

import static io.cxpulse.alerts.ops.ScopeMinutes.CATEGORY_REGION;

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
 * Keyed by {@link ScopeMinute#key()}: one ops incident per scope at a time (a category's complaints are one scope,
 * judged in total and per region; see {@link #judge}), opened when a minute is truly abnormal
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
            // a category's rows carry the region their complaints come from: tracked inside, not the scope's
            s.region = byRegion(s) ? "" : row.region();
        }
        if (s.lastJudgedMinuteMs != 0 && row.minuteStartMs() <= s.lastJudgedMinuteMs) {
            // the minute was judged already, as it was on time
            lateRows.inc();
            return;
        }
        int region = byRegion(s) ? s.track(row.region(), row.minuteStartMs()) : -1;
        s.addPending(row.minuteStartMs(), row.count(), row.total(), row.sentimentSum(), region);
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

    /**
     * A category's complaints are judged at two levels, so that one burst makes one alert: the category's total first
     * (a burst anywhere, or everywhere), else each region's own count (a burst too small to move the category). While
     * an incident is open, at either level, nothing else opens for the category; it resolves once the category and
     * the incident's region (if any) are both calm.
     */
    private void judge(IncidentState s, MinuteFigures m, long processedAt, Collector<Alert> out) {
        long minute = m.minuteStartMs();
        if (s.firstMinuteMs == 0) {
            s.firstMinuteMs = minute;
        }
        s.lastJudgedMinuteMs = minute;
        MinuteJudgement whole = judgement(s, s.counts, m.count(), m);
        MinuteJudgement[] byRegion = new MinuteJudgement[s.regions.length];
        for (int r = 0; r < byRegion.length; r++) {
            if (minute >= s.regionFirstMinuteMs[r]) {
                byRegion[r] = judgement(s, s.regionCounts[r], m.regionCounts()[r], m);
            }
        }
        if (!s.incidentOpen()) {
            int region = abnormalRegion(s, byRegion, minute);
            if (whole.abnormal() && warm(s, whole, minute - s.firstMinuteMs)) {
                open(s, whole, m, -1, processedAt, out);
                s.hold(m);
            } else if (region >= 0) {
                open(s, byRegion[region], m, region, processedAt, out);
                s.hold(m);
            } else {
                learn(s, m);
            }
            return;
        }
        int watched = s.openRegionIndex;
        MinuteJudgement j = CATEGORY_REGION.equals(s.openScopeType) ? byRegion[watched] : whole;
        boolean calm = whole.calm() && (watched < 0 || byRegion[watched].calm());
        s.minutesOpen++;
        s.calmStreak = calm ? s.calmStreak + 1 : 0;
        s.peakObserved = Math.max(s.peakObserved, j.observed());
        if (s.calmStreak >= resolveAfterMinutes(s)) {
            out.collect(alert(s, Alert.RESOLVED, 2, j, IncidentReasons.resolved(s, j, minute), lastMs(minute), processedAt));
            boolean learning = s.heldMinuteMs.length == 0;
            s.closeIncident();
            if (learning) {
                learn(s, m);
            }
            return;
        }
        if (s.minutesOpen < settings.baseline().learnIncidentAfterMinutes()) {
            s.hold(m);
            return;
        }
        for (MinuteFigures held : s.held()) {
            learn(s, held);
        }
        s.dropHeld();
        learn(s, m);
    }

    /** The region most abnormal on its own (lowest p-value) among those warm enough to alert, else -1. */
    private int abnormalRegion(IncidentState s, MinuteJudgement[] byRegion, long minute) {
        int best = -1;
        for (int r = 0; r < byRegion.length; r++) {
            MinuteJudgement j = byRegion[r];
            if (j != null && j.abnormal() && warm(s, j, minute - s.regionFirstMinuteMs[r])
                    && (best < 0 || j.pValue() < byRegion[best].pValue())) {
                best = r;
            }
        }
        return best;
    }

    /** Enough history to trust the baseline, or an extreme count with a little history (the cold start). */
    private boolean warm(IncidentState s, MinuteJudgement j, long historyMs) {
        long history = historyMs / MINUTE_MS;
        return history >= warmupMinutes(s) || (j.extreme() && history >= coldStartAfterMinutes(s));
    }

    /**
     * @param region -1: at the scope's level (a category's top region is named, and must calm down too when it
     *               holds most of the burst); else the category's region the incident is about
     */
    private void open(IncidentState s, MinuteJudgement j, MinuteFigures m, int region, long processedAt,
            Collector<Alert> out) {
        long minute = m.minuteStartMs();
        int top = region >= 0 ? region : m.topRegion();
        s.topRegion = top < 0 ? "" : s.regions[top];
        s.topRegionCount = top < 0 ? 0 : m.regionCounts()[top];
        if (region >= 0) {
            s.openScopeType = CATEGORY_REGION;
            s.openScope = s.scope + "|" + s.regions[region];
            s.openRegionIndex = region;
        } else {
            s.openScopeType = s.scopeType;
            s.openScope = s.scope;
            s.openRegionIndex = top >= 0 && 2 * s.topRegionCount > m.count() ? top : -1;
        }
        s.openRegion = s.openRegionIndex >= 0 ? s.regions[s.openRegionIndex] : s.region;
        s.alertId = AlertIds.of(kind(s), s.openScopeType + ":" + s.openScope, "minute-" + minute);
        s.severity = severity(s, j);
        s.openedMinuteMs = minute;
        s.openedAtMs = lastMs(minute);
        s.minutesOpen = 1;
        s.calmStreak = 0;
        s.peakObserved = j.observed();
        out.collect(alert(s, Alert.OPEN, 1, j, IncidentReasons.opened(s, j, minute), lastMs(minute), processedAt));
    }

    private MinuteJudgement judgement(IncidentState s, SeasonalBaseline baseline, long count, MinuteFigures m) {
        double usual = baseline.expected(m.minuteStartMs(), rates);
        return switch (kind(s)) {
            case COMPLAINT_SPIKE -> MinuteJudgement.ofCount(settings.complaintSpike(), count, usual);
            case SLA_BREACH_SURGE -> MinuteJudgement.ofCount(settings.slaBreachSurge(), count, usual);
            default -> MinuteJudgement.ofSentiment(settings.sentimentDrop(), count, m.total(), usual,
                    s.totals.expected(m.minuteStartMs(), rates));
        };
    }

    private void learn(IncidentState s, MinuteFigures m) {
        long minute = m.minuteStartMs();
        s.counts.learn(minute, m.count(), rates);
        if (kind(s) == AlertKind.SENTIMENT_DROP) {
            s.totals.learn(minute, m.total(), rates);
        }
        for (int r = 0; r < s.regions.length; r++) {
            if (minute >= s.regionFirstMinuteMs[r]) {
                s.regionCounts[r].learn(minute, m.regionCounts()[r], rates);
            }
        }
    }

    /** A category's complaints are tracked per region too (sentiment's channel and region are separate scopes). */
    private static boolean byRegion(IncidentState s) {
        return AlertKind.COMPLAINT_SPIKE.wireName().equals(s.kind);
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
        String[] names;
        double[] values;
        if (kind(s) == AlertKind.SENTIMENT_DROP) {
            names = new String[] {"observed", "baseline", "p_value", "ratio", "texts", "negatives", "peak", "minutes_open"};
            values = new double[] {j.observed(), j.baseline(), j.pValue(), j.ratio(), j.texts(), j.count(), s.peakObserved,
                    s.minutesOpen};
        } else if (byRegion(s)) {
            // the top region's name is in the reasons (and in region when it holds most of the burst)
            names = new String[] {"observed", "baseline", "p_value", "ratio", "peak", "minutes_open", "top_region_count"};
            values = new double[] {j.observed(), j.baseline(), j.pValue(), j.ratio(), s.peakObserved, s.minutesOpen,
                    s.topRegionCount};
        } else {
            names = new String[] {"observed", "baseline", "p_value", "ratio", "peak", "minutes_open"};
            values = new double[] {j.observed(), j.baseline(), j.pValue(), j.ratio(), s.peakObserved, s.minutesOpen};
        }
        return new Alert(s.alertId, s.kind, s.severity, status, revision, s.openScopeType, s.openScope, "", s.category,
                s.channel, s.openRegion, routeTeam(s), "", "", reasons.en(), reasons.zh(), new String[0], names, values,
                s.openedAtMs, eventTime, processedAt);
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
