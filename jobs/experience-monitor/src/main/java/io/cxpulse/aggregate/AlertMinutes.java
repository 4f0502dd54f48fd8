package io.cxpulse.aggregate;

import io.cxpulse.alerts.Alert;

/**
 * Alerts opened per minute × kind × channel × region, counted by the same {@link MinuteMetrics} as events (and rolled
 * up by the same {@link RollupMetrics}): an opening becomes a {@link MetricEvent} of stream {@code alert} whose
 * category is the alert kind. Alert rows carry {@code events} = {@code alertsFired} = alerts opened, and no customer
 * figures: being alerted about is not activity.
 */
public final class AlertMinutes {

    public static final String STREAM = "alert";

    private AlertMinutes() {}

    /** Only openings are counted; escalations and resolutions are later transitions of an alert already counted. */
    public static boolean counts(Alert alert) {
        return alert.isOpening();
    }

    public static MetricEvent of(Alert alert) {
        if (!counts(alert)) {
            throw new IllegalArgumentException("alert " + alert.alertId() + " revision " + alert.revision()
                    + " is not an opening");
        }
        return new MetricEvent(alert.alertId(), alert.openedAtMs(), STREAM, alert.channel(), alert.kind(),
                alert.region(), "", Double.NaN, false, false, false, null, false, true);
    }
}
