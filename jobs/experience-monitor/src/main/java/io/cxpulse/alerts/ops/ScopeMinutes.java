package io.cxpulse.alerts.ops;

import io.cxpulse.aggregate.MetricRow;
import io.cxpulse.alerts.AlertKind;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Fans a per-minute metric row out to the ops scopes it counts in: complaints opened to their category (with their
 * region: the detector watches the category's regions inside the category's state, so one burst opens one incident,
 * at the category or the category × region level), sentiment to its channel and to its region, SLA breaches to their
 * region. Sentiment keeps channel and region as two scopes on purpose: they are independent dimensions (a bad app
 * release is a channel, an outage a region), a row counts in both, and neither contains the other, so there is no
 * total to judge first; a drop confined to one channel in one region may raise both, each naming its own dimension. Only a minute's on-time row
 * is used (revision 1, no part): the detector judges each minute once, as it was when the watermark passed it, so
 * later revisions and very-late singles are dropped here. Scopes with a blank dimension, and rows with nothing to
 * count, are skipped (a quiet minute reaches the detector as its timer).
 */
public final class ScopeMinutes implements FlatMapFunction<MetricRow, ScopeMinute> {

    public static final String CATEGORY = "category";
    public static final String CATEGORY_REGION = "category_region";
    public static final String CHANNEL = "channel";
    public static final String REGION = "region";

    private static final String MINUTE_GRAIN = "1m";
    private static final String COMPLAINT = "complaint";
    private static final String SERVICE_EVENT = "service_event";

    @Override
    public void flatMap(MetricRow row, Collector<ScopeMinute> out) {
        if (!MINUTE_GRAIN.equals(row.grain()) || !row.part().isEmpty() || row.revision() != 1) {
            return;
        }
        long minute = row.bucketStartMs();
        String category = nonNull(row.category());
        String channel = nonNull(row.channel());
        String region = nonNull(row.region());
        if (COMPLAINT.equals(row.stream()) && row.complaintsOpened() > 0 && !category.isEmpty()) {
            // one key per category, the region carried along: the detector judges the category and its regions
            // together, so a burst is one incident (category_region is then the alert's scope type, not a key)
            out.collect(new ScopeMinute(AlertKind.COMPLAINT_SPIKE.wireName(), CATEGORY, category, category, "", region,
                    minute, row.complaintsOpened(), 0, 0));
        }
        if (row.sentimentCount() > 0) {
            String kind = AlertKind.SENTIMENT_DROP.wireName();
            if (!channel.isEmpty()) {
                out.collect(new ScopeMinute(kind, CHANNEL, channel, "", channel, "", minute, row.negativeCount(),
                        row.sentimentCount(), row.sentimentSum()));
            }
            if (!region.isEmpty()) {
                out.collect(new ScopeMinute(kind, REGION, region, "", "", region, minute, row.negativeCount(),
                        row.sentimentCount(), row.sentimentSum()));
            }
        }
        if (SERVICE_EVENT.equals(row.stream()) && row.slaBreaches() > 0 && !region.isEmpty()) {
            out.collect(new ScopeMinute(AlertKind.SLA_BREACH_SURGE.wireName(), REGION, region, "", "", region, minute,
                    row.slaBreaches(), 0, 0));
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
