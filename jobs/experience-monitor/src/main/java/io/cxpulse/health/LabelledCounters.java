package io.cxpulse.health;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * One counter per value of a label ({@code group.addGroup(label, value).counter(name)}): reporters such as Prometheus's
 * turn the label into a tag of one metric. Look-ups are a hash lookup, so keep them off the per-event path of busy
 * operators (count rejections, alerts, not every record).
 */
public final class LabelledCounters {

    private final MetricGroup group;
    private final String label;
    private final String name;
    private final Map<String, Counter> byValue = new HashMap<>();

    /** @param known values registered now, so each reports 0 from the start (a rate over a missing series is none) */
    public LabelledCounters(MetricGroup group, String label, String name, Iterable<String> known) {
        this.group = group;
        this.label = label;
        this.name = name;
        known.forEach(this::of);
    }

    public Counter of(String value) {
        return byValue.computeIfAbsent(value, v -> group.addGroup(label, v).counter(name));
    }
}
