package io.cxpulse.alerts;

import io.cxpulse.health.LabelledCounters;
import java.util.Arrays;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Passes alerts through, counting the openings per kind ({@value #RAISED_METRIC}, label {@value #KIND_LABEL}) in front
 * of every alert output, so the figure is what users were told, whichever rule raised it.
 */
public final class CountAlerts extends RichMapFunction<Alert, Alert> {

    public static final String KIND_LABEL = "kind";
    public static final String RAISED_METRIC = "alertsRaised";

    private transient LabelledCounters raised;

    @Override
    public void open(OpenContext openContext) {
        raised = new LabelledCounters(getRuntimeContext().getMetricGroup(), KIND_LABEL, RAISED_METRIC,
                Arrays.stream(AlertKind.values()).map(AlertKind::wireName).toList());
    }

    @Override
    public Alert map(Alert alert) {
        if (alert.isOpening()) {
            raised.of(alert.kind()).inc();
        }
        return alert;
    }
}
