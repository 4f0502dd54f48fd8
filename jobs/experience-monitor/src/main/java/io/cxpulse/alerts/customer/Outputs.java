package io.cxpulse.alerts.customer;

import io.cxpulse.alerts.Alert;
import io.cxpulse.alerts.ContactSuppression;

/** Where the rules put what they decide; the operator backs it with its collector, side output and timer service. */
interface Outputs {

    void alert(Alert alert);

    void suppression(ContactSuppression transition);

    /** Asks to be woken (an event-time timer) at {@code timeMs}; every rule re-checks what is due whenever woken. */
    void wakeAt(long timeMs);
}
