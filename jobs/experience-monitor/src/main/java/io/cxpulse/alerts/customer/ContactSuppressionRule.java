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
        if (event != null && isContact(event)) {
            remember(s, event.eventTimeMs());
        }
        evaluate(s, Math.max(t, s.latestMs), t, triggerId, false, out);
    }

    void onTimer(CustomerAlertState s, long timestamp, Outputs out) {
        evaluate(s, timestamp, timestamp, "", true, out);
    }

    /**
     * @param timer a timer woke the customer: an over-contact spell that is still on moves its wake-up on. While a
     *              spell lasts its end only moves later (newer contacts replace the oldest), so one timer at its start,
     *              moved on each time it fires early, replaces a timer write on every contact.
     */
    private void evaluate(CustomerAlertState s, long now, long eventTime, String triggerId, boolean timer,
            Outputs out) {
        boolean openComplaint = s.openComplaints > 0;
        boolean highRisk = s.risk >= settings.riskAbove();
        boolean overContact = s.contactTimesMs.length >= settings.maxContacts()
                && now < s.contactTimesMs[0] + contactWindowMs;
        boolean wasOverContact = s.suppressionReasons != null
                && Arrays.asList(s.suppressionReasons).contains(OVER_CONTACT);
        if (overContact && (timer || !wasOverContact)) {
            out.wakeAt(s.contactTimesMs[0] + contactWindowMs);
        }
        s.suppressionReasons = reasons(openComplaint, highRisk, overContact);
        boolean suppressed = s.suppressionReasons.length > 0;
        if (suppressed != s.suppressed) {
            s.suppressed = suppressed;
            out.suppression(new ContactSuppression(s.customerId, suppressed, s.suppressionReasons, eventTime,
                    System.currentTimeMillis(), triggerId));
        }
    }

    private static final String[][] REASONS = new String[8][];

    static {
        for (int flags = 0; flags < 8; flags++) {
            List<String> r = new ArrayList<>(3);
            if ((flags & 1) != 0) {
                r.add(OPEN_COMPLAINT);
            }
            if ((flags & 2) != 0) {
                r.add(HIGH_RISK);
            }
            if ((flags & 4) != 0) {
                r.add(OVER_CONTACT);
            }
            REASONS[flags] = r.toArray(String[]::new);
        }
    }

    /** The reasons in their fixed order; shared arrays, never changed (a new state value replaces them). */
    private static String[] reasons(boolean openComplaint, boolean highRisk, boolean overContact) {
        return REASONS[(openComplaint ? 1 : 0) | (highRisk ? 2 : 0) | (overContact ? 4 : 0)];
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
