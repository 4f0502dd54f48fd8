package io.cxpulse.alerts.customer;

import static io.cxpulse.alerts.customer.Transitions.HIGH;
import static io.cxpulse.alerts.customer.Transitions.INFO;
import static io.cxpulse.alerts.customer.Transitions.WARNING;
import static io.cxpulse.alerts.customer.Transitions.orEmpty;
import static io.cxpulse.alerts.customer.Transitions.twoDecimals;

import io.cxpulse.alerts.Alert;
import io.cxpulse.alerts.AlertKind;
import io.cxpulse.alerts.customer.CustomerAlertState.ClosedComplaint;
import io.cxpulse.alerts.customer.CustomerAlertState.Episode;
import io.cxpulse.alerts.customer.CustomerAlertState.OpenComplaint;
import io.cxpulse.alerts.customer.Transitions.Figures;
import io.cxpulse.alerts.customer.Transitions.Reason;
import io.cxpulse.churn.CustomerUpdate;
import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.EventType;
import io.cxpulse.profile.CustomerStatus;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * The two rules that follow each complaint: {@code complaint_unresolved} (still open when its SLA ran out, checked by
 * an event-time timer at opening + SLA; resolves when the complaint does) and {@code recovery} (resolved, and the
 * customer's sentiment rebounded within the window: the moment to turn a complainer into an advocate; resolved by
 * a timer when the window has passed). Both alerts are identified by the complaint.
 */
final class ComplaintRules {

    private final CustomerAlertSettings.ComplaintUnresolved unresolved;
    private final CustomerAlertSettings.Recovery recovery;
    // parsed once when the operator opens, not on every update
    private final long recoveryWindowMs;

    ComplaintRules(CustomerAlertSettings.ComplaintUnresolved unresolved, CustomerAlertSettings.Recovery recovery) {
        this.unresolved = unresolved;
        this.recovery = recovery;
        this.recoveryWindowMs = recovery.windowMs();
    }

    /** @param event the update's event when it is new (not a duplicate), else null */
    void onUpdate(CustomerAlertState s, CustomerUpdate u, EnrichedEvent event, Outputs out) {
        float sentiment = u.score().sentiment();
        for (OpenComplaint c : s.complaints) {
            c.lowestSentiment = Math.min(c.lowestSentiment, sentiment);
        }
        if (event != null && event.event().type() == EventType.COMPLAINT && event.event().caseId() != null) {
            switch (event.event().kind()) {
                case "opened", "reopened" -> track(s, event, sentiment, out);
                case "resolved", "closed" -> close(s, event.event(), sentiment, out);
                default -> { }
            }
        }
        watchForRebound(s, u, out);
    }

    void onTimer(CustomerAlertState s, long timestamp, Outputs out) {
        for (OpenComplaint c : s.complaints) {
            if (c.overdue == null && timestamp >= c.dueAtMs) {
                raiseOverdue(s, c, out);
            }
        }
        for (ClosedComplaint c : s.closed) {
            if (c.recovery != null && timestamp >= c.recovery.openedAtMs + recoveryWindowMs) {
                resolve(c.recovery, s, new Reason(
                        "The recovery window of " + recovery.window() + " after complaint " + c.caseId + " has passed",
                        "投诉 " + c.caseId + " 解决后的 " + recovery.window() + " 挽回窗口已过"),
                        c.closedEventId, c.recovery.openedAtMs + recoveryWindowMs, out);
                c.recovery = null;
            }
        }
    }

    /** She left: the alerts about her complaints are resolved; nothing new is raised for her. */
    void onChurned(CustomerAlertState s, Reason reason, String eventId, long t, Outputs out) {
        for (OpenComplaint c : s.complaints) {
            if (c.overdue != null) {
                resolve(c.overdue, s, reason, eventId, t, out);
                c.overdue = null;
            }
        }
        for (ClosedComplaint c : s.closed) {
            if (c.recovery != null) {
                resolve(c.recovery, s, reason, eventId, t, out);
                c.recovery = null;
            }
        }
    }

    private void track(CustomerAlertState s, EnrichedEvent enriched, float sentiment, Outputs out) {
        CxEvent e = enriched.event();
        long t = e.eventTimeMs();
        ClosedComplaint closed = closedOf(s, e.caseId());
        if (openOf(s, e.caseId()) != null || (closed != null && t <= closed.closedAtMs)) {
            return; // already tracked, or a late opening from before its resolution
        }
        if (s.complaints.length >= unresolved.maxTracked()) {
            dropOldest(s, out, t);
        }
        OpenComplaint c = new OpenComplaint();
        c.caseId = e.caseId();
        // a reopening is a new episode of the same complaint, named by when it reopened (the same after a replay)
        c.episode = "opened".equals(e.kind()) ? e.caseId() : e.caseId() + "/reopened@" + t;
        c.openedAtMs = t;
        c.category = orEmpty(enriched.category());
        c.channel = orEmpty(e.channel());
        c.dueAtMs = t + unresolved.slaMs(enriched.category());
        c.openedEventId = e.eventId();
        c.lowestSentiment = sentiment;
        s.complaints = Arrays.copyOf(s.complaints, s.complaints.length + 1);
        s.complaints[s.complaints.length - 1] = c;
        out.wakeAt(c.dueAtMs);
    }

    private void dropOldest(CustomerAlertState s, Outputs out, long t) {
        int oldest = oldest(s.complaints, c -> c.openedAtMs);
        OpenComplaint c = s.complaints[oldest];
        if (c.overdue != null) {
            resolve(c.overdue, s, new Reason(
                    "No longer followed: more than " + unresolved.maxTracked() + " complaints are open",
                    "不再跟踪：未解决的投诉超过 " + unresolved.maxTracked() + " 件"), c.openedEventId, t, out);
        }
        s.complaints = without(s.complaints, oldest);
    }

    private void close(CustomerAlertState s, CxEvent e, float sentiment, Outputs out) {
        long t = e.eventTimeMs();
        OpenComplaint open = openOf(s, e.caseId());
        ClosedComplaint closed = closedOf(s, e.caseId());
        if (open == null && closed != null) {
            return; // "closed" after "resolved", or a repeat: the complaint already ended
        }
        float lowest = sentiment;
        if (open != null) {
            lowest = Math.min(open.lowestSentiment, sentiment);
            if (open.overdue != null) {
                out.alert(Transitions.next(open.overdue, Alert.RESOLVED, s, new Reason(
                        "Complaint " + open.caseId + " was " + e.kind(), "投诉 " + open.caseId + " 已" + kindZh(e.kind())),
                        Transitions.evidence(s, e.eventId(), open.openedEventId), overdueFigures(s, open, t), t));
            }
            s.complaints = without(s.complaints, indexOf(s.complaints, open));
        }
        if (closed == null) {
            if (s.closed.length >= unresolved.maxTracked()) {
                forgetOldestClosed(s, out, t);
            }
            closed = new ClosedComplaint();
            closed.caseId = e.caseId();
            s.closed = Arrays.copyOf(s.closed, s.closed.length + 1);
            s.closed[s.closed.length - 1] = closed;
        }
        closed.closedAtMs = t;
        closed.closedEventId = e.eventId();
        closed.lowestSentiment = lowest;
    }

    private void forgetOldestClosed(CustomerAlertState s, Outputs out, long t) {
        int oldest = oldest(s.closed, c -> c.closedAtMs);
        ClosedComplaint c = s.closed[oldest];
        if (c.recovery != null) {
            resolve(c.recovery, s, new Reason("Recovery window closed early: many complaints since",
                    "挽回窗口提前结束：此后投诉较多"), c.closedEventId, t, out);
        }
        s.closed = without(s.closed, oldest);
    }

    /** A transition to resolved that has no figures of its own to tell. */
    private static void resolve(Episode e, CustomerAlertState s, Reason reason, String eventId, long t, Outputs out) {
        out.alert(Transitions.next(e, Alert.RESOLVED, s, reason, Transitions.evidence(s, eventId), new Figures(), t));
    }

    private void raiseOverdue(CustomerAlertState s, OpenComplaint c, Outputs out) {
        if (CustomerStatus.CHURNED.equals(s.status)) {
            return;
        }
        String severity = unresolved.highSeverityTiers().contains(s.tier) ? HIGH : WARNING;
        c.overdue = Transitions.episode(AlertKind.COMPLAINT_UNRESOLVED, s, c.episode, severity, c.dueAtMs);
        c.overdue.category = c.category;
        c.overdue.channel = c.channel;
        String sla = unresolved.slaText(c.category.isEmpty() ? null : c.category);
        String about = c.category.isEmpty() ? "" : " (" + c.category + ")";
        String aboutZh = c.category.isEmpty() ? "" : "（" + c.category + "）";
        out.alert(Transitions.next(c.overdue, Alert.OPEN, s, new Reason(
                "Complaint " + c.caseId + about + " is still unresolved " + sla + " after it was opened",
                "投诉 " + c.caseId + aboutZh + " 开启 " + sla + " 后仍未解决"),
                Transitions.evidence(s, c.openedEventId), overdueFigures(s, c, c.dueAtMs), c.dueAtMs));
    }

    private static Figures overdueFigures(CustomerAlertState s, OpenComplaint c, long t) {
        return new Figures()
                .add("open_hours", (t - c.openedAtMs) / 3_600_000.0)
                .add("open_complaints", s.openComplaints)
                .add("risk", s.risk);
    }

    private void watchForRebound(CustomerAlertState s, CustomerUpdate u, Outputs out) {
        if (CustomerStatus.CHURNED.equals(s.status)) {
            return;
        }
        long t = u.timeMs();
        float sentiment = u.score().sentiment();
        for (ClosedComplaint c : s.closed) {
            boolean watching = !c.recovered && t >= c.closedAtMs && t <= c.closedAtMs + recoveryWindowMs;
            boolean rebounded = (sentiment >= recovery.reboundTo() && c.lowestSentiment < recovery.reboundTo())
                    // a rise that leaves her still negative is not a rebound a person would call one
                    || (sentiment - c.lowestSentiment >= recovery.reboundBy() && sentiment >= 0);
            if (watching && rebounded) {
                c.recovered = true;
                c.recovery = Transitions.episode(AlertKind.RECOVERY, s, c.caseId, INFO, t);
                String trigger = u.event() != null ? u.event().event().eventId() : null;
                out.alert(Transitions.next(c.recovery, Alert.OPEN, s, new Reason(
                        "Complaint " + c.caseId + " was resolved and the customer's sentiment rebounded to "
                                + twoDecimals(sentiment) + " (lowest " + twoDecimals(c.lowestSentiment)
                                + "): the moment to turn a complainer into an advocate",
                        "投诉 " + c.caseId + " 已解决，客户情绪回升至 " + twoDecimals(sentiment) + "（最低 "
                                + twoDecimals(c.lowestSentiment) + "）：把投诉者变成拥护者的时机"),
                        Transitions.evidence(s, trigger, c.closedEventId),
                        new Figures().add("sentiment", sentiment).add("lowest_sentiment", c.lowestSentiment)
                                .add("risk", u.score().risk()), t));
                out.wakeAt(t + recoveryWindowMs);
            }
        }
    }

    private static String kindZh(String kind) {
        return "closed".equals(kind) ? "关闭" : "解决";
    }

    private static OpenComplaint openOf(CustomerAlertState s, String caseId) {
        for (OpenComplaint c : s.complaints) {
            if (c.caseId.equals(caseId)) {
                return c;
            }
        }
        return null;
    }

    private static ClosedComplaint closedOf(CustomerAlertState s, String caseId) {
        for (ClosedComplaint c : s.closed) {
            if (c.caseId.equals(caseId)) {
                return c;
            }
        }
        return null;
    }

    private static int indexOf(Object[] items, Object item) {
        for (int i = 0; i < items.length; i++) {
            if (items[i] == item) {
                return i;
            }
        }
        return -1;
    }

    private static <T> int oldest(T[] items, ToLongFunction<T> time) {
        int oldest = 0;
        for (int i = 1; i < items.length; i++) {
            if (time.applyAsLong(items[i]) < time.applyAsLong(items[oldest])) {
                oldest = i;
            }
        }
        return oldest;
    }

    private static <T> T[] without(T[] items, int i) {
        T[] rest = Arrays.copyOf(items, items.length - 1);
        System.arraycopy(items, i + 1, rest, i, items.length - i - 1);
        return rest;
    }
}
