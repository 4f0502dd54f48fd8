package io.cxpulse.churn;

import io.cxpulse.profile.CustomerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line a person can act on, in English and in Chinese: the reasons behind a risk in the customer's own figures
 * ("3 unresolved complaints (oldest 5 days), sentiment fell from +0.4 to -0.6, opened the cancellation page").
 */
public final class Explanations {

    private Explanations() {}

    public record Explanation(String english, String chinese) {}

    public static Explanation explain(ChurnFeatures f, ChurnScore score, String status, int maxReasons) {
        List<String> en = new ArrayList<>();
        List<String> zh = new ArrayList<>();
        if (CustomerStatus.CHURNED.equals(status)) {
            en.add("cancelled (churned)");
            zh.add("已取消（流失）");
        } else if (CustomerStatus.WON_BACK.equals(status)) {
            en.add("renewed after cancelling (won back)");
            zh.add("取消后又续订（已挽回）");
        }
        for (Feature reason : score.reasons(maxReasons)) {
            en.add(english(reason, f));
            zh.add(chinese(reason, f));
        }
        if (en.isEmpty()) {
            return new Explanation("no risk factors", "无风险因素");
        }
        return new Explanation(String.join(", ", en), String.join("，", zh));
    }

    static String english(Feature reason, ChurnFeatures f) {
        return switch (reason) {
            case NEGATIVE_SENTIMENT -> "recent messages are negative (sentiment " + signed(f.sentimentNow()) + ")";
            case SENTIMENT_DROP -> "sentiment fell from " + signed(f.sentimentUsual()) + " to " + signed(f.sentimentNow());
            case OPEN_COMPLAINTS -> plural(f.openComplaints(), "unresolved complaint") + " (oldest " + days(f.oldestOpenDays()) + ")";
            case OLDEST_OPEN_WEEKS -> "a complaint open for " + days(f.oldestOpenDays());
            case RECENT_COMPLAINTS -> "complained " + times(f.get(Feature.RECENT_COMPLAINTS)) + " lately";
            case MONTHLY_COMPLAINTS -> "complained " + times(f.get(Feature.MONTHLY_COMPLAINTS)) + " this month";
            case SUSTAINED_NEGATIVITY -> "unhappy for weeks (usual sentiment " + signed(f.sentimentUsual()) + ")";
            case COMPLAINT_RISE -> "complaining " + String.format(Locale.ROOT, "%.1f", 1 + f.get(Feature.COMPLAINT_RISE))
                    + "× as often as usual";
            case ESCALATIONS -> "complaints escalated or reopened";
            case REPEAT_CONTACTS -> "had to chase the same case again";
            case WAIT_HOURS -> "waited " + hours(f.waitHours()) + " on calls";
            case MISSED_CONTACTS -> "calls abandoned or callbacks missed (" + count(f.missedContacts()) + ")";
            case SERVICE_FAILURES -> "SLA breaches or late deliveries";
            case ENGAGEMENT_DROP -> "visits down " + percent(1 - Math.max(0, f.engagementShare())) + " from usual";
            case WEEKS_INACTIVE -> "no visits for " + days(f.daysInactive());
            case CANCEL_INTENT -> "opened the cancellation page";
            case DOWNGRADES -> "downgraded the plan";
            case POOR_SURVEYS -> f.lastNps() >= 0 ? "gave an NPS of " + (int) f.lastNps() : "gave poor survey scores";
            case NEGATIVE_SOCIAL -> "negative posts reaching " + followers(f.negativeReach()) + " followers";
            case QUICK_RESOLUTIONS, POSITIVE_SENTIMENT -> reason.code();
        };
    }

    static String chinese(Feature reason, ChurnFeatures f) {
        return switch (reason) {
            case NEGATIVE_SENTIMENT -> "近期留言负面（情绪 " + signed(f.sentimentNow()) + "）";
            case SENTIMENT_DROP -> "情绪从 " + signed(f.sentimentUsual()) + " 降到 " + signed(f.sentimentNow());
            case OPEN_COMPLAINTS -> f.openComplaints() + " 个投诉未解决（最久 " + daysZh(f.oldestOpenDays()) + "）";
            case OLDEST_OPEN_WEEKS -> "有投诉已拖了 " + daysZh(f.oldestOpenDays());
            case RECENT_COMPLAINTS -> "近期投诉 " + count(f.get(Feature.RECENT_COMPLAINTS)) + " 次";
            case MONTHLY_COMPLAINTS -> "本月投诉 " + count(f.get(Feature.MONTHLY_COMPLAINTS)) + " 次";
            case SUSTAINED_NEGATIVITY -> "数周以来情绪低落（平时情绪 " + signed(f.sentimentUsual()) + "）";
            case COMPLAINT_RISE -> "投诉频率是平时的 " + String.format(Locale.ROOT, "%.1f", 1 + f.get(Feature.COMPLAINT_RISE)) + " 倍";
            case ESCALATIONS -> "投诉被升级或重新打开";
            case REPEAT_CONTACTS -> "同一问题反复联系";
            case WAIT_HOURS -> "电话等待累计 " + String.format(Locale.ROOT, "%.1f", f.waitHours()) + " 小时";
            case MISSED_CONTACTS -> "电话未接通或回电失约（" + count(f.missedContacts()) + " 次）";
            case SERVICE_FAILURES -> "超出服务时限或配送延误";
            case ENGAGEMENT_DROP -> "访问量比平时下降 " + percent(1 - Math.max(0, f.engagementShare()));
            case WEEKS_INACTIVE -> daysZh(f.daysInactive()) + "没有访问";
            case CANCEL_INTENT -> "访问了取消订阅页面";
            case DOWNGRADES -> "降级了套餐";
            case POOR_SURVEYS -> f.lastNps() >= 0 ? "NPS 评分 " + (int) f.lastNps() : "满意度评分低";
            case NEGATIVE_SOCIAL -> "负面帖子触达 " + followersZh(f.negativeReach()) + " 粉丝";
            case QUICK_RESOLUTIONS, POSITIVE_SENTIMENT -> reason.code();
        };
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.1f", v);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String times(double v) {
        long n = Math.max(1, Math.round(v));
        return n == 1 ? "once" : n + " times";
    }

    private static String count(double v) {
        return Long.toString(Math.round(v));
    }

    private static String days(double d) {
        if (d < 1) {
            long h = Math.round(d * 24);
            return h <= 1 ? "1 hour" : h + " hours";
        }
        long n = Math.round(d);
        return n == 1 ? "1 day" : n + " days";
    }

    private static String daysZh(double d) {
        return d < 1 ? Math.max(1, Math.round(d * 24)) + " 小时" : Math.round(d) + " 天";
    }

    private static String hours(double h) {
        return h < 1 ? Math.max(1, Math.round(h * 60)) + " min" : String.format(Locale.ROOT, "%.1f h", h);
    }

    private static String percent(double share) {
        return Math.round(Math.max(0, Math.min(1, share)) * 100) + "%";
    }

    private static String followers(double n) {
        return n >= 1e6 ? String.format(Locale.ROOT, "%.1fM", n / 1e6)
                : n >= 1e3 ? Math.round(n / 1e3) + "k" : Long.toString(Math.round(n));
    }

    private static String followersZh(double n) {
        return n >= 1e4 ? String.format(Locale.ROOT, "%.0f万", n / 1e4) : Long.toString(Math.round(n));
    }
}
