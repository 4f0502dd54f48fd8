package io.cxpulse.alerts.customer;

import static io.cxpulse.alerts.customer.Transitions.CRITICAL;
import static io.cxpulse.alerts.customer.Transitions.HIGH;
import static io.cxpulse.alerts.customer.Transitions.twoDecimals;

import io.cxpulse.alerts.Alert;
import io.cxpulse.alerts.AlertKind;
import io.cxpulse.alerts.customer.Transitions.Figures;
import io.cxpulse.alerts.customer.Transitions.Reason;
import io.cxpulse.churn.CustomerScore;
import io.cxpulse.churn.CustomerUpdate;
import io.cxpulse.churn.Explanations;
import io.cxpulse.profile.CustomerStatus;
import java.util.List;

/**
 * {@code churn_risk}: one alert per at-risk spell. Opens when the risk reaches the threshold while armed and outside
 * the cool-down of the previous opening; re-arms only once the risk fell below {@code rearm_below} (so a customer
 * hovering around the threshold gets one alert); escalates once when she got materially worse; resolves when the
 * risk fell back, she cancelled, or she was won back. Episodes are numbered per customer, so a replay that
 * interleaves the topics differently still gives the same ids.
 */
final class ChurnRiskRule {

    private final CustomerAlertSettings.ChurnRisk settings;
    // parsed once when the operator opens, not on every update
    private final long cooldownMs;

    ChurnRiskRule(CustomerAlertSettings.ChurnRisk settings) {
        this.settings = settings;
        this.cooldownMs = settings.cooldownMs();
    }

    /** @param statusBefore the customer's status before this update */
    void evaluate(CustomerAlertState s, CustomerUpdate u, String statusBefore, Outputs out) {
        CustomerScore score = u.score();
        double risk = score.risk();
        long t = u.timeMs();
        if (s.churn != null) {
            if (CustomerStatus.CHURNED.equals(score.status())) {
                resolve(s, u, new Reason("The customer cancelled", "客户已取消"), out);
            } else if (CustomerStatus.WON_BACK.equals(score.status()) && !score.status().equals(statusBefore)) {
                resolve(s, u, new Reason("The customer renewed: won back", "客户已续约：已赢回"), out);
            } else if (risk < settings.rearmBelow()) {
                resolve(s, u, new Reason("Churn risk fell to " + twoDecimals(risk) + " (" + score.riskBand() + ")",
                        "流失风险降至 " + twoDecimals(risk) + "（" + bandZh(score) + "）"), out);
            } else if (shouldEscalate(s, risk)) {
                s.churn.severity = CRITICAL;
                Explanations.Explanation why = u.explanation();
                out.alert(Transitions.next(s.churn, Alert.ESCALATED, s, new Reason(
                        "Churn risk rose from " + twoDecimals(s.churnOpenedRisk) + " to " + twoDecimals(risk)
                                + " (" + score.riskBand() + "): " + why.english(),
                        "流失风险由 " + twoDecimals(s.churnOpenedRisk) + " 升至 " + twoDecimals(risk)
                                + "（" + bandZh(score) + "）：" + why.chinese()),
                        evidence(s, u), figures(score), t));
            }
        }
        if (CustomerStatus.CHURNED.equals(score.status())) {
            s.churnArmed = false; // after a win-back, the risk has to fall first, like after any alert
        } else if (risk < settings.rearmBelow()) {
            s.churnArmed = true;
        }
        if (s.churn == null && s.churnArmed && risk >= settings.threshold() && !inCooldown(s, t)
                && !CustomerStatus.CHURNED.equals(score.status())) {
            open(s, u, out);
        }
    }

    private boolean shouldEscalate(CustomerAlertState s, double risk) {
        if (!Alert.OPEN.equals(statusOf(s))) {
            return false;
        }
        boolean worse = risk >= s.churnOpenedRisk + settings.escalateBy();
        boolean critical = risk >= settings.criticalAt() && !CRITICAL.equals(s.churn.severity);
        return worse || critical;
    }

    /** Escalated once at most: revision 1 is the opening, 2 the escalation. */
    private static String statusOf(CustomerAlertState s) {
        return s.churn.revision == 1 ? Alert.OPEN : Alert.ESCALATED;
    }

    /** A late update (before the previous opening) falls inside the cool-down too: it must not open a second alert. */
    private boolean inCooldown(CustomerAlertState s, long t) {
        return s.churnAlerts > 0 && t < s.churnLastOpenedMs + cooldownMs;
    }

    private void open(CustomerAlertState s, CustomerUpdate u, Outputs out) {
        CustomerScore score = u.score();
        long t = u.timeMs();
        s.churnAlerts++;
        s.churnArmed = false;
        s.churnLastOpenedMs = t;
        s.churnOpenedRisk = score.risk();
        String severity = score.risk() >= settings.criticalAt() ? CRITICAL : HIGH;
        s.churn = Transitions.episode(AlertKind.CHURN_RISK, s, "episode-" + s.churnAlerts, severity, t);
        Explanations.Explanation why = u.explanation();
        out.alert(Transitions.next(s.churn, Alert.OPEN, s, new Reason(
                "Churn risk " + twoDecimals(score.risk()) + " (" + score.riskBand() + "): " + why.english(),
                "流失风险 " + twoDecimals(score.risk()) + "（" + bandZh(score) + "）：" + why.chinese()),
                evidence(s, u), figures(score), t));
    }

    private static void resolve(CustomerAlertState s, CustomerUpdate u, Reason reason, Outputs out) {
        out.alert(Transitions.next(s.churn, Alert.RESOLVED, s, reason, evidence(s, u), figures(u.score()), u.timeMs()));
        s.churn = null;
    }

    /** The triggering event (or the inactivity check that re-scored her), then her newest events. */
    private static List<String> evidence(CustomerAlertState s, CustomerUpdate u) {
        return Transitions.evidence(s, u.event() != null ? u.event().event().eventId() : u.score().trigger());
    }

    private static Figures figures(CustomerScore score) {
        Figures f = new Figures()
                .add("risk", score.risk())
                .add("sentiment", score.sentiment())
                .add("open_complaints", score.openComplaints())
                .add("days_since_activity", score.daysSinceActivity());
        for (int i = 0; i < score.reasonCodes().length; i++) {
            f.add(score.reasonCodes()[i], score.reasonContributions()[i]);
        }
        return f;
    }

    private static String bandZh(CustomerScore score) {
        return switch (score.riskBand()) {
            case "low" -> "低";
            case "medium" -> "中";
            default -> "高";
        };
    }
}
