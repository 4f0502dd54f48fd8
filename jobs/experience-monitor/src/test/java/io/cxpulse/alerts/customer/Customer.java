package io.cxpulse.alerts.customer;

import io.cxpulse.churn.CustomerScore;
import io.cxpulse.churn.CustomerUpdate;
import io.cxpulse.churn.Events;
import io.cxpulse.churn.Feature;
import io.cxpulse.enrich.EnrichedEvent;

/**
 * One test customer's standing as ScoreCustomer would report it: set the risk, sentiment, open complaints… and each
 * {@link #on} or {@link #quiet} makes the {@link CustomerUpdate} the alert rules receive, with the score as it stands.
 */
final class Customer {

    final String id;
    private String tier = "standard";
    private String manager = "wang";
    private String status = "active";
    private float risk = 0.1f;
    private float sentiment = 0.3f;
    private int openComplaints;

    Customer(String id) {
        this.id = id;
    }

    Customer tier(String t) {
        tier = t;
        return this;
    }

    Customer manager(String m) {
        manager = m;
        return this;
    }

    Customer status(String s) {
        status = s;
        return this;
    }

    Customer risk(double r) {
        risk = (float) r;
        return this;
    }

    Customer sentiment(double s) {
        sentiment = (float) s;
        return this;
    }

    Customer openComplaints(int n) {
        openComplaints = n;
        return this;
    }

    CustomerUpdate on(EnrichedEvent e) {
        long t = e.event().eventTimeMs();
        return new CustomerUpdate(id, t, e, score(t, e.event().eventId()), true);
    }

    /** An inactivity check at {@code day}: no event. */
    CustomerUpdate quiet(double day) {
        long t = Events.day(day);
        return new CustomerUpdate(id, t, null, score(t, "inactivity@" + t), true);
    }

    private CustomerScore score(long t, String trigger) {
        float[] features = new float[Feature.values().length];
        return new CustomerScore(id, t, 1, trigger, "test", risk, status, sentiment, 0.1f,
                new String[] {"open_complaints", "cancel_intent"}, new float[] {0.9f, 0.5f},
                "2 unresolved complaints; visited the cancellation page", "2 件投诉未解决；访问了取消页面", features,
                openComplaints, openComplaints > 0 ? 2f : 0f, 1.5f, tier, "east", manager.isEmpty() ? null : manager,
                manager.isEmpty() ? null : manager + "@example.com", "test");
    }
}
