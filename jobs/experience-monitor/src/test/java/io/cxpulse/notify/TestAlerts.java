package io.cxpulse.notify;

import io.cxpulse.alerts.Alert;

/** Alerts as the rules emit them, with only what a test varies as parameters. */
final class TestAlerts {

    static final String MANAGER = "Li Na";
    static final String MANAGER_EMAIL = "li.na@example.com";

    private TestAlerts() {
    }

    static Alert churn(String customerId, String status, int revision) {
        return customer(customerId, MANAGER, MANAGER_EMAIL, "account-management", status, revision);
    }

    static Alert customer(String customerId, String manager, String managerEmail, String team, String status,
            int revision) {
        return new Alert("churn_risk-" + customerId + "-1", "churn_risk", "high", status, revision, "customer",
                customerId, customerId, "billing", "app", "north", team, manager, managerEmail,
                "3 unresolved complaints in 5 days, sentiment fell from +0.4 to -0.6",
                "5天内3个投诉未解决，情绪从+0.4降到-0.6",
                new String[] {"e-1", "e-2"}, new String[] {"risk", "baseline"}, new double[] {0.82, Double.NaN},
                1_700_000_000_000L, 1_700_000_060_000L, 1_700_000_061_000L);
    }

    static Alert ops(String team, String scope) {
        return new Alert("complaint_spike-" + scope + "-7", "complaint_spike", "warning", Alert.OPEN, 1, "category",
                scope, "", scope, "", "", team, "", "", "complaints 4x the usual rate", "投诉量是平时的4倍",
                new String[] {"e-9"}, new String[] {"observed", "baseline"}, new double[] {40, 10}, 1_700_000_000_000L, 1_700_000_000_000L,
                1_700_000_001_000L);
    }
}
