package io.cxpulse.alerts.ops;

/** One author's viral-mention incident; a Flink POJO. Times are event times (ms); alertId null when none is open. */
public class ViralState {

    public String alertId;
    public String severity;
    public String platform;
    public String customerId;
    public long openedAtMs;
    public long lastViralMs;
    /** the pending resolve timer, so a later viral post can move it */
    public long resolveTimerMs;
    public long viralPosts;
    public long peakFollowers;
    public String firstEventId;
}
