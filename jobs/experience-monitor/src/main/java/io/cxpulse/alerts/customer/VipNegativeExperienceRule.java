package io.cxpulse.alerts.customer;

import static io.cxpulse.alerts.customer.Transitions.HIGH;
import static io.cxpulse.alerts.customer.Transitions.orEmpty;
import static io.cxpulse.alerts.customer.Transitions.twoDecimals;

import io.cxpulse.alerts.Alert;
import io.cxpulse.alerts.AlertKind;
import io.cxpulse.alerts.customer.Transitions.Figures;
import io.cxpulse.alerts.customer.Transitions.Reason;
import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;

/**
 * {@code vip_negative_experience}: a customer of a watched tier just had a sharply negative experience (a very
 * negative text, an escalated complaint, a breached SLA). At most one opening per cool-down; resolves by an
 * event-time timer after {@code resolve_after}, or earlier when a later text of hers is positive. Episodes are
 * numbered per customer, like churn alerts, so the id does not depend on which topic's event arrived first.
 */
final class VipNegativeExperienceRule {

    private final CustomerAlertSettings.VipNegativeExperience settings;
    // parsed once when the operator opens, not on every update
    private final long cooldownMs;
    private final long resolveAfterMs;

    VipNegativeExperienceRule(CustomerAlertSettings.VipNegativeExperience settings) {
        this.settings = settings;
        this.cooldownMs = settings.cooldownMs();
        this.resolveAfterMs = settings.resolveAfterMs();
    }

    void onEvent(CustomerAlertState s, EnrichedEvent enriched, Outputs out) {
        CxEvent e = enriched.event();
        long t = e.eventTimeMs();
        if (s.vip != null) {
            if (enriched.sentiment() != null && enriched.sentiment() > 0 && t > s.vip.openedAtMs) {
                resolve(s, new Reason("The customer's latest message is positive", "客户最新的留言是正面的"),
                        e.eventId(), t, out);
            }
            return;
        }
        String what = sharplyNegative(enriched);
        boolean cooledDown = s.vipLastOpenedMs == 0 || t >= s.vipLastOpenedMs + cooldownMs;
        if (what == null || !cooledDown || !settings.tiers().contains(s.tier)) {
            return;
        }
        s.vipAlerts++;
        s.vipLastOpenedMs = t;
        s.vip = Transitions.episode(AlertKind.VIP_NEGATIVE_EXPERIENCE, s, "episode-" + s.vipAlerts, HIGH, t);
        s.vip.category = orEmpty(enriched.category());
        s.vip.channel = orEmpty(e.channel());
        Figures figures = new Figures().add("risk", s.risk);
        if (enriched.sentiment() != null) {
            figures.add("sentiment", enriched.sentiment());
        }
        out.alert(Transitions.next(s.vip, Alert.OPEN, s, new Reason(
                "A " + s.tier + " customer had a sharply negative experience: " + what,
                s.tier + " 客户刚有一次很差的体验：" + whatZh(enriched)),
                Transitions.evidence(s, e.eventId()), figures, t));
        out.wakeAt(t + resolveAfterMs);
    }

    void onTimer(CustomerAlertState s, long timestamp, Outputs out) {
        if (s.vip != null && timestamp >= s.vip.openedAtMs + resolveAfterMs) {
            resolve(s, new Reason("No further sharply negative experience for " + settings.resolveAfter(),
                    settings.resolveAfter() + " 内没有再出现很差的体验"), null, timestamp, out);
        }
    }

    void onChurned(CustomerAlertState s, Reason reason, String eventId, long t, Outputs out) {
        if (s.vip != null) {
            resolve(s, reason, eventId, t, out);
        }
    }

    private static void resolve(CustomerAlertState s, Reason reason, String eventId, long t, Outputs out) {
        out.alert(Transitions.next(s.vip, Alert.RESOLVED, s, reason, Transitions.evidence(s, eventId),
                new Figures().add("risk", s.risk), t));
        s.vip = null;
    }

    /** What made the event sharply negative, in plain words, or null when it was not. */
    private String sharplyNegative(EnrichedEvent enriched) {
        CxEvent e = enriched.event();
        if (e.type() == EventType.COMPLAINT && "escalated".equals(e.kind())) {
            return "a complaint was escalated";
        }
        if (e.type() == EventType.SERVICE_EVENT && "sla_breached".equals(e.kind())) {
            return "a service commitment (SLA) was breached";
        }
        if (enriched.sentiment() != null && enriched.sentiment() <= settings.sentimentBelow()) {
            return "a very negative " + e.type().wireName().replace('_', ' ') + " (sentiment "
                    + twoDecimals(enriched.sentiment()) + ")";
        }
        return null;
    }

    private static String whatZh(EnrichedEvent enriched) {
        CxEvent e = enriched.event();
        if (e.type() == EventType.COMPLAINT && "escalated".equals(e.kind())) {
            return "投诉已升级";
        }
        if (e.type() == EventType.SERVICE_EVENT && "sla_breached".equals(e.kind())) {
            return "服务承诺（SLA）未达成";
        }
        return "一条非常负面的留言（情绪 " + twoDecimals(enriched.sentiment()) + "）";
    }
}
