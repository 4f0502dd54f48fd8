package io.cxpulse.alerts.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.aggregate.MetricRow;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class ScopeMinutesTest {

    static final long MINUTE = 1_790_035_200_000L;

    static MetricRow row(String stream, String channel, String category, String region, long texts, long negatives,
            long opened, long breaches, String part, long revision) {
        return new MetricRow(MINUTE, "1m", stream, channel, category, region, opened + texts + breaches, texts,
                -0.5 * negatives, negatives, opened, 0, breaches, 0, 0, 0, 0, 0, part, revision);
    }

    static List<ScopeMinute> fanOut(MetricRow row) {
        List<ScopeMinute> out = new ArrayList<>();
        new ScopeMinutes().flatMap(row, new Collector<>() {
            @Override
            public void collect(ScopeMinute m) {
                out.add(m);
            }

            @Override
            public void close() {}
        });
        return out;
    }

    @Test
    void complaintsCountInTheirCategoryCarryingTheRegionAndTheirTextsInChannelAndRegion() {
        List<ScopeMinute> out = fanOut(row("complaint", "app", "billing", "north", 7, 5, 6, 0, "", 1));
        assertThat(out).extracting(ScopeMinute::key).containsExactly(
                "complaint_spike:category:billing", "sentiment_drop:channel:app", "sentiment_drop:region:north");
        assertThat(out.get(0).count()).isEqualTo(6);
        assertThat(out.get(0).category()).isEqualTo("billing");
        assertThat(out.get(0).region()).as("carried for the category's per-region baselines").isEqualTo("north");
        assertThat(out.get(1).count()).isEqualTo(5);
        assertThat(out.get(1).total()).isEqualTo(7);
        assertThat(out.get(1).channel()).isEqualTo("app");
        assertThat(out).allMatch(m -> m.minuteStartMs() == MINUTE);
    }

    @Test
    void slaBreachesCountInTheirRegion() {
        List<ScopeMinute> out = fanOut(row("service_event", "phone", "", "south", 0, 0, 0, 4, "", 1));
        assertThat(out).extracting(ScopeMinute::key).containsExactly("sla_breach_surge:region:south");
        assertThat(out.get(0).count()).isEqualTo(4);
    }

    @Test
    void laterRevisionsVeryLateSinglesOtherGrainsAndBlankScopesAreIgnored() {
        assertThat(fanOut(row("complaint", "app", "billing", "north", 7, 5, 6, 0, "", 2))).isEmpty();
        assertThat(fanOut(row("complaint", "app", "billing", "north", 7, 5, 6, 0, "e123", 1))).isEmpty();
        MetricRow hourly = new MetricRow(MINUTE, "1h", "complaint", "app", "billing", "north", 6, 0, 0, 0, 6, 0, 0, 0,
                0, 0, 0, 0, "", 1);
        assertThat(fanOut(hourly)).isEmpty();
        assertThat(fanOut(row("complaint", "", "billing", "", 0, 0, 6, 0, "", 1)))
                .extracting(ScopeMinute::key).containsExactly("complaint_spike:category:billing");
        assertThat(fanOut(row("click", "web", "", "north", 0, 0, 0, 0, "", 1))).isEmpty();
    }
}
