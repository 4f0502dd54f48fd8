package io.cxpulse.alerts.ops;

import io.cxpulse.alerts.AlertKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The one-line reasons of an ops incident, in English and Chinese, with the figures behind it. */
final class IncidentReasons {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private IncidentReasons() {}

    record Lines(String en, String zh) {}

    static Lines opened(IncidentState s, MinuteJudgement j, long minuteStartMs) {
        String to = clock(minuteStartMs);
        String p = pValue(j.pValue());
        if (isSentiment(s)) {
            return new Lines(
                    String.format(Locale.ROOT, "%s: %s of %d texts negative in the minute to %s UTC, usually %s at this hour (%s)",
                            subjectEn(s), percent(j.observed()), j.texts(), to, percent(j.baseline()), p),
                    String.format(Locale.ROOT, "%s：截至 %s UTC 的一分钟内 %d 条文本中 %s 为负面，此时段通常为 %s（%s）",
                            subjectZh(s), to, j.texts(), percent(j.observed()), percent(j.baseline()), p));
        }
        return new Lines(
                String.format(Locale.ROOT, "%s: %d in the minute to %s UTC, usually %.1f at this hour (%s)%s",
                        subjectEn(s), j.count(), to, j.baseline(), p, topRegionEn(s)),
                String.format(Locale.ROOT, "%s：截至 %s UTC 的一分钟内 %d 起，此时段通常 %.1f 起（%s）%s",
                        subjectZh(s), to, j.count(), j.baseline(), p, topRegionZh(s)));
    }

    /** A category-level complaint spike: where most of it is. */
    private static String topRegionEn(IncidentState s) {
        return atCategoryLevel(s) && !s.topRegion.isEmpty()
                ? String.format(Locale.ROOT, "; most in %s (%d)", s.topRegion, s.topRegionCount) : "";
    }

    private static String topRegionZh(IncidentState s) {
        return atCategoryLevel(s) && !s.topRegion.isEmpty()
                ? String.format(Locale.ROOT, "；最多的地区为 %s（%d 起）", s.topRegion, s.topRegionCount) : "";
    }

    private static boolean atCategoryLevel(IncidentState s) {
        return ScopeMinutes.CATEGORY.equals(s.openScopeType);
    }

    private static boolean atRegionLevel(IncidentState s) {
        return ScopeMinutes.CATEGORY_REGION.equals(s.openScopeType);
    }

    static Lines resolved(IncidentState s, MinuteJudgement j, long minuteStartMs) {
        String to = clock(minuteStartMs);
        if (isSentiment(s)) {
            String nowEn = j.texts() == 0
                    ? String.format(Locale.ROOT, "no texts in the minute to %s UTC", to)
                    : String.format(Locale.ROOT, "%s of %d texts negative in the minute to %s UTC", percent(j.observed()), j.texts(), to);
            String nowZh = j.texts() == 0
                    ? String.format(Locale.ROOT, "截至 %s UTC 的一分钟内没有文本", to)
                    : String.format(Locale.ROOT, "截至 %s UTC 的一分钟内 %d 条文本中 %s 为负面", to, j.texts(), percent(j.observed()));
            return new Lines(
                    String.format(Locale.ROOT, "%s back to normal: %s, usually %s at this hour; peak %s, open %d minutes",
                            subjectEn(s), nowEn, percent(j.baseline()), percent(s.peakObserved), s.minutesOpen),
                    String.format(Locale.ROOT, "%s已恢复正常：%s，此时段通常为 %s；峰值 %s，持续 %d 分钟",
                            subjectZh(s), nowZh, percent(j.baseline()), percent(s.peakObserved), s.minutesOpen));
        }
        return new Lines(
                String.format(Locale.ROOT, "%s back to normal: %d in the minute to %s UTC, usually %.1f at this hour; peak %d, open %d minutes",
                        subjectEn(s), j.count(), to, j.baseline(), (long) s.peakObserved, s.minutesOpen),
                String.format(Locale.ROOT, "%s已恢复正常：截至 %s UTC 的一分钟内 %d 起，此时段通常 %.1f 起；峰值 %d 起，持续 %d 分钟",
                        subjectZh(s), to, j.count(), j.baseline(), (long) s.peakObserved, s.minutesOpen));
    }

    private static boolean isSentiment(IncidentState s) {
        return AlertKind.SENTIMENT_DROP.wireName().equals(s.kind);
    }

    private static String subjectEn(IncidentState s) {
        if (AlertKind.COMPLAINT_SPIKE.wireName().equals(s.kind)) {
            return atRegionLevel(s) ? "Complaints about " + s.category + " in " + s.openRegion
                    : "Complaints about " + s.category;
        }
        if (AlertKind.SLA_BREACH_SURGE.wireName().equals(s.kind)) {
            return "SLA breaches in " + s.region;
        }
        return s.channel.isEmpty() ? "Negative sentiment in " + s.region : "Negative sentiment on " + s.channel;
    }

    private static String subjectZh(IncidentState s) {
        if (AlertKind.COMPLAINT_SPIKE.wireName().equals(s.kind)) {
            return atRegionLevel(s) ? s.openRegion + " 地区关于 " + s.category + " 的投诉"
                    : "关于 " + s.category + " 的投诉";
        }
        if (AlertKind.SLA_BREACH_SURGE.wireName().equals(s.kind)) {
            return s.region + " 地区的 SLA 违约";
        }
        return s.channel.isEmpty() ? s.region + " 地区的负面情绪" : s.channel + " 渠道的负面情绪";
    }

    /** The end of the minute, as ops read a clock. */
    private static String clock(long minuteStartMs) {
        return CLOCK.format(Instant.ofEpochMilli(minuteStartMs + DetectIncidents.MINUTE_MS));
    }

    static String pValue(double p) {
        if (p < 1e-3) {
            int decade = p <= 0 ? 300 : Math.min(300, (int) Math.floor(-Math.log10(p)));
            return "p < 1e-" + decade;
        }
        return String.format(Locale.ROOT, "p = %.3f", p);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
