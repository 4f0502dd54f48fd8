package io.cxpulse.alerts.ops;

import io.cxpulse.alerts.Alert;
import io.cxpulse.alerts.AlertIds;
import io.cxpulse.alerts.AlertKind;
import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by {@link #author(EnrichedEvent)}: a negative social post with a wide reach or fast engagement opens a
 * {@code viral_negative_mention} for social care. One incident per author: more viral posts within the window of the
 * last add nothing but keep it open; it resolves by an event-time timer a window after the last. The alert names the
 * platform, reach and sentiment, never the post's text (personal data). Other events are ignored.
 */
public final class DetectViralMentions extends KeyedProcessFunction<String, EnrichedEvent, Alert> {

    public static final String ROUTE_TEAM = "social-care";
    public static final String SCOPE_TYPE = "mention";

    private final OpsAlertSettings.ViralRule rule;
    private transient ValueState<ViralState> state;

    public DetectViralMentions(OpsAlertSettings settings) {
        this.rule = settings.validate().viralMention();
    }

    /** The author: the customer when known, else {@code handle:<platform>:<authorHandle>}. */
    public static String author(EnrichedEvent e) {
        CxEvent ev = e.event();
        if (ev.customerId() != null && !ev.customerId().isBlank()) {
            return ev.customerId();
        }
        return "handle:" + ev.platform() + ":" + ev.authorHandle();
    }

    /** The key selector to key the mention stream with (filter on {@link #isMention} first). */
    public static KeySelector<EnrichedEvent, String> byAuthor() {
        return DetectViralMentions::author;
    }

    public static boolean isMention(EnrichedEvent e) {
        return e.event().type() == EventType.SOCIAL_MENTION;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>("viral-mention", TypeInformation.of(ViralState.class)));
    }

    @Override
    public void processElement(EnrichedEvent e, Context ctx, Collector<Alert> out) throws Exception {
        if (!isMention(e) || !isViralNegative(e)) {
            return;
        }
        CxEvent ev = e.event();
        ViralState s = state.value();
        if (s == null) {
            s = new ViralState();
            s.alertId = AlertIds.of(AlertKind.VIRAL_NEGATIVE_MENTION, SCOPE_TYPE + ":" + ctx.getCurrentKey(),
                    "post-" + ev.eventId());
            s.severity = nonNull(ev.followers()) >= rule.criticalFollowers() ? "critical" : "high";
            s.platform = ev.platform() == null ? "" : ev.platform();
            s.customerId = ev.customerId() == null ? "" : ev.customerId();
            s.openedAtMs = ev.eventTimeMs();
            s.firstEventId = ev.eventId();
            out.collect(opened(ctx.getCurrentKey(), s, e, ctx.timerService().currentProcessingTime()));
        }
        s.viralPosts++;
        s.peakFollowers = Math.max(s.peakFollowers, nonNull(ev.followers()));
        if (ev.eventTimeMs() > s.lastViralMs) {
            s.lastViralMs = ev.eventTimeMs();
            if (s.resolveTimerMs != 0) {
                ctx.timerService().deleteEventTimeTimer(s.resolveTimerMs);
            }
            s.resolveTimerMs = s.lastViralMs + rule.window().toMillis();
            ctx.timerService().registerEventTimeTimer(s.resolveTimerMs);
        }
        state.update(s);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        ViralState s = state.value();
        if (s == null || timestamp != s.resolveTimerMs) {
            return;
        }
        long hours = rule.window().toHours();
        String quiet = hours > 0 ? hours + "h" : rule.window().toMinutes() + "min";
        String en = String.format(Locale.ROOT, "No further viral negative posts on %s for %s (%d in this incident, widest reach %,d followers)",
                s.platform, quiet, s.viralPosts, s.peakFollowers);
        String zh = String.format(Locale.ROOT, "%s 上已 %s 没有新的高传播负面帖子（本次共 %d 条，最大覆盖 %,d 名粉丝）",
                s.platform, quiet, s.viralPosts, s.peakFollowers);
        out.collect(new Alert(s.alertId, AlertKind.VIRAL_NEGATIVE_MENTION.wireName(), s.severity, Alert.RESOLVED, 2,
                SCOPE_TYPE, ctx.getCurrentKey(), s.customerId, "", s.platform, "", ROUTE_TEAM, "", "", en, zh,
                new String[] {s.firstEventId}, new String[] {"posts", "peak_followers"},
                new double[] {s.viralPosts, s.peakFollowers}, s.openedAtMs, timestamp,
                ctx.timerService().currentProcessingTime()));
        state.clear();
    }

    private boolean isViralNegative(EnrichedEvent e) {
        if (e.sentiment() == null || e.sentiment() > rule.sentimentBelow()) {
            return false;
        }
        CxEvent ev = e.event();
        return nonNull(ev.followers()) >= rule.minFollowers() || engagement(ev) >= rule.minEngagement();
    }

    private Alert opened(String key, ViralState s, EnrichedEvent e, long processedAt) {
        CxEvent ev = e.event();
        long followers = nonNull(ev.followers());
        long engagement = engagement(ev);
        String en = String.format(Locale.ROOT, "Negative post on %s (sentiment %.2f) reaching %,d followers, %,d likes and shares",
                s.platform, e.sentiment(), followers, engagement);
        String zh = String.format(Locale.ROOT, "%s 上的负面帖子（情感 %.2f），覆盖 %,d 名粉丝，获 %,d 次点赞和转发",
                s.platform, e.sentiment(), followers, engagement);
        return new Alert(s.alertId, AlertKind.VIRAL_NEGATIVE_MENTION.wireName(), s.severity, Alert.OPEN, 1, SCOPE_TYPE,
                key, s.customerId, "", s.platform, "", ROUTE_TEAM, "", "", en, zh, new String[] {ev.eventId()},
                new String[] {"followers", "engagement", "sentiment"},
                new double[] {followers, engagement, e.sentiment()}, s.openedAtMs, ev.eventTimeMs(), processedAt);
    }

    private static long engagement(CxEvent ev) {
        return nonNull(ev.likes()) + nonNull(ev.shares());
    }

    private static long nonNull(Long v) {
        return v == null ? 0 : v;
    }
}
