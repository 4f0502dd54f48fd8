package io.cxpulse.alerts.customer;

import io.cxpulse.alerts.Alert;
import io.cxpulse.alerts.AlertIds;
import io.cxpulse.alerts.AlertKind;
import io.cxpulse.alerts.customer.CustomerAlertState.Episode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Builds the {@link Alert} of each transition of a customer alert, routed as the customer's latest score says. */
final class Transitions {

    static final String ACCOUNT_MANAGEMENT = "account-management";
    /** Where an alert goes when the profile names no account manager. */
    static final String CX_CARE = "cx-care";

    static final String INFO = "info";
    static final String WARNING = "warning";
    static final String HIGH = "high";
    static final String CRITICAL = "critical";

    /** The reasons in plain English and Chinese, one line each. */
    record Reason(String en, String zh) {}

    /** The figures behind an alert, in the order they were added. */
    static final class Figures {
        private final List<String> names = new ArrayList<>();
        private final List<Double> values = new ArrayList<>();

        Figures add(String name, double value) {
            names.add(name);
            values.add(value);
            return this;
        }
    }

    private Transitions() {}

    /** A new episode of {@code kind}, identified by {@code episode} (never by arrival order or processing time). */
    static Episode episode(AlertKind kind, CustomerAlertState s, String episode, String severity, long openedAtMs) {
        Episode e = new Episode();
        e.alertId = AlertIds.of(kind, s.customerId, episode);
        e.kind = kind.wireName();
        e.severity = severity;
        e.revision = 0;
        e.openedAtMs = openedAtMs;
        return e;
    }

    /** The episode's next transition ({@code open} first): its revision goes up by one. */
    static Alert next(Episode e, String status, CustomerAlertState s, Reason reason, List<String> evidence,
            Figures figures, long eventTimeMs) {
        e.revision++;
        double[] values = new double[figures.values.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = figures.values.get(i);
        }
        String route = s.accountManager.isEmpty() ? CX_CARE : ACCOUNT_MANAGEMENT;
        if (e.revision == 1) {
            e.openedReasonEn = reason.en();
            e.openedReasonZh = reason.zh();
        }
        Reason told = Alert.RESOLVED.equals(status) && !e.openedReasonEn.isEmpty()
                ? new Reason("Resolved: " + reason.en() + " (opened: " + e.openedReasonEn + ")",
                        "已解除：" + reason.zh() + "（起因：" + e.openedReasonZh + "）")
                : reason;
        return new Alert(e.alertId, e.kind, e.severity, status, e.revision, "customer", s.customerId, s.customerId,
                e.category, e.channel, s.region, route, s.accountManager, s.accountManagerEmail, told.en(),
                told.zh(), evidence.toArray(String[]::new), figures.names.toArray(String[]::new), values,
                e.openedAtMs, eventTimeMs, System.currentTimeMillis());
    }

    /** The trigger (when there is one) first, then the customer's newest events, newest first, without repeats. */
    static List<String> evidence(CustomerAlertState s, String... triggers) {
        Set<String> ids = new LinkedHashSet<>();
        for (String t : triggers) {
            if (t != null && !t.isEmpty()) {
                ids.add(t);
            }
        }
        for (int i = s.recentEventIds.length - 1; i >= 0; i--) {
            ids.add(s.recentEventIds[i]);
        }
        return List.copyOf(ids);
    }

    static String twoDecimals(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
