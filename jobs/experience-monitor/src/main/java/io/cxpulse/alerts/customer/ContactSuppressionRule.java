package io.cxpulse.alerts.customer;

import io.cxpulse.alerts.ContactSuppression;
import io.cxpulse.model.CxEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * "Do not market to her now": suppressed while she has an open complaint, a high churn risk, or was in contact
 * with the company often lately. Only the on/off transitions are published; an over-contact spell ends by an
 * event-time timer when the oldest of the counted contacts leaves the window.
 */
final class ContactSuppressionRule {

    static final String OPEN_COMPLAINT = "open_complaint";
    static final String HIGH_RISK = "high_risk";
    static final String OVER_CONTACT = "over_contact";

    private final CustomerAlertSettings.ContactSuppressionRule settings;
    // parsed once when the operator opens, not on every update
    private final long contactWindowMs;

    ContactSuppressionRule(CustomerAlertSettings.ContactSuppressionRule settings) {
        this.settings = settings;
        this.contactWindowMs = settings.contactWindowMs();
    }

    /** Counts the event when it is a contact, then re-evaluates at the newest time the customer has seen. */
    void onUpdate(CustomerAlertState s, CxEvent event, String triggerId, long t, Outputs out) {
        boolean contact = event != null && isContact(event);
        if (contact) {
            remember(s, event.eventTimeMs());
        }
        evaluate(s, Math.max(t, s.latestMs), t, triggerId, contact, out);
    }

    void onTimer(CustomerAlertState s, long timestamp, Outputs out) {
        evaluate(s, timestamp, timestamp, "", false, out);
    }

    /** @param contactsChanged the wake-up time moves only with the contacts: set it then, not on every update */
    private void evaluate(CustomerAlertState s, long now, long eventTime, String triggerId, boolean contactsChanged,
            Outputs out) {
        List<String> reasons = new ArrayList<>(3);
        if (s.openComplaints > 0) {
            reasons.add(OPEN_COMPLAINT);
        }
        if (s.risk >= settings.riskAbove()) {
            reasons.add(HIGH_RISK);
        }
        boolean overContact = s.contactTimesMs.length >= settings.maxContacts()
                && now < s.contactTimesMs[0] + contactWindowMs;
        if (overContact) {
            reasons.add(OVER_CONTACT);
            if (contactsChanged) {
                out.wakeAt(s.contactTimesMs[0] + contactWindowMs);
            }
        }
        s.suppressionReasons = reasons.toArray(String[]::new);
        boolean suppressed = !reasons.isEmpty();
        if (suppressed != s.suppressed) {
            s.suppressed = suppressed;
            out.suppression(new ContactSuppression(s.customerId, suppressed, s.suppressionReasons, eventTime,
                    System.currentTimeMillis(), triggerId));
        }
    }

    /** Keeps the newest max_contacts contact times, oldest first: enough to tell whether there were that many. */
    private void remember(CustomerAlertState s, long t) {
        long[] times = Arrays.copyOf(s.contactTimesMs, s.contactTimesMs.length + 1);
        times[times.length - 1] = t;
        Arrays.sort(times);
        int keep = Math.min(times.length, settings.maxContacts());
        s.contactTimesMs = Arrays.copyOfRange(times, times.length - keep, times.length);
    }

    private static boolean isContact(CxEvent e) {
        return switch (e.type()) {
            case CLICK -> "contact".equals(e.kind());
            case COMPLAINT -> "opened".equals(e.kind());
            case SERVICE_EVENT -> "ticket_opened".equals(e.kind()) || "call_queued".equals(e.kind());
            case SOCIAL_MENTION -> false;
        };
    }
}
