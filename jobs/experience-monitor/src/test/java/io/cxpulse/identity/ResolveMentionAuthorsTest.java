package io.cxpulse.identity;

import static io.cxpulse.churn.Events.day;
import static io.cxpulse.churn.Events.mentionByHandle;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.enrich.EnrichedEvent;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ResolveMentionAuthorsTest {

    private static KeyedTwoInputStreamOperatorTestHarness<String, EnrichedEvent, HandleChange, EnrichedEvent> harness()
            throws Exception {
        var h = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new ResolveMentionAuthors(Duration.ofMinutes(10), Duration.ofDays(30))),
                SplitUnattributedMentions::handleKeyOf, HandleChange::handleKey, Types.STRING);
        h.open();
        return h;
    }

    private static StreamRecord<EnrichedEvent> at(EnrichedEvent e) {
        return new StreamRecord<>(e, e.event().eventTimeMs());
    }

    @Test
    void aKnownHandleIsAttributedAtOnceCaseAndAtSignIgnored() throws Exception {
        try (var h = harness()) {
            h.processElement2(new StreamRecord<>(HandleChange.claimed(new HandleClaim(HandleClaim.key("weibo", "@Lily"), "c1", day(0))), day(0)));
            h.processElement1(at(mentionByHandle("weibo", "lily", 1)));
            assertThat(h.extractOutputValues()).singleElement().satisfies(e -> {
                assertThat(e.event().customerId()).isEqualTo("c1");
                assertThat(e.customerSource()).isEqualTo("handle");
            });
        }
    }

    @Test
    void aMentionBeforeItsProfileWaitsAndIsAttributedWhenTheProfileArrives() throws Exception {
        try (var h = harness()) {
            h.processElement1(at(mentionByHandle("weibo", "@lily", 1)));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processElement2(new StreamRecord<>(HandleChange.claimed(new HandleClaim(HandleClaim.key("weibo", "@lily"), "c1", day(0))), day(0)));
            assertThat(h.extractOutputValues()).singleElement()
                    .satisfies(e -> assertThat(e.event().customerId()).isEqualTo("c1"));
        }
    }

    @Test
    void anUnknownHandleGoesOnUnattributedAfterTheWaitInEventTime() throws Exception {
        try (var h = harness()) {
            h.processElement1(at(mentionByHandle("weibo", "@stranger", 1)));
            h.processBothWatermarks(new Watermark(day(1) + Duration.ofMinutes(5).toMillis()));
            assertThat(h.extractOutputValues()).isEmpty();
            h.processBothWatermarks(new Watermark(day(1) + Duration.ofMinutes(10).toMillis()));
            assertThat(h.extractOutputValues()).singleElement().satisfies(e -> {
                assertThat(e.event().customerId()).isNull();
                assertThat(e.customerSource()).isNull();
            });
        }
    }

    @Test
    void theWaitIsAlsoBoundedInProcessingTimeWhenTheWatermarkStandsStill() throws Exception {
        try (var h = harness()) {
            h.setProcessingTime(0);
            h.processElement1(at(mentionByHandle("weibo", "@stranger", 1)));
            h.setProcessingTime(Duration.ofMinutes(10).toMillis());
            assertThat(h.extractOutputValues()).hasSize(1);
        }
    }

    @Test
    void aNewerClaimMovesTheHandleAnOlderOneDoesNot() throws Exception {
        try (var h = harness()) {
            String key = HandleClaim.key("weibo", "@lily");
            h.processElement2(new StreamRecord<>(HandleChange.claimed(new HandleClaim(key, "c1", day(5))), day(5)));
            h.processElement2(new StreamRecord<>(HandleChange.claimed(new HandleClaim(key, "c2", day(1))), day(1)));
            h.processElement1(at(mentionByHandle("weibo", "@lily", 6)));
            h.processElement2(new StreamRecord<>(HandleChange.claimed(new HandleClaim(key, "c3", day(7))), day(7)));
            h.processElement1(at(mentionByHandle("weibo", "@lily", 8)));
            assertThat(h.extractOutputValues()).extracting(e -> e.event().customerId()).containsExactly("c1", "c3");
        }
    }

    // erasure (forget --customer): the tombstone names the handles her profile claimed

    @Test
    void anErasureReleasesTheCustomersHandleSoHerLaterMentionsAreNoLongerAttributedToHer() throws Exception {
        try (var h = harness()) {
            HandleClaim claim = new HandleClaim(HandleClaim.key("weibo", "@lily"), "c1", day(0));
            h.processElement2(new StreamRecord<>(HandleChange.claimed(claim), day(0)));
            h.processElement2(new StreamRecord<>(HandleChange.releasedBy(new HandleClaim(claim.handleKey(), "c1", day(2))), day(2)));
            assertThat(h.numKeyedStateEntries()).isZero();
            h.processElement1(at(mentionByHandle("weibo", "@lily", 3)));
            h.processBothWatermarks(new Watermark(day(4)));
            assertThat(h.extractOutputValues()).singleElement().satisfies(e -> assertThat(e.event().customerId()).isNull());
        }
    }

    @Test
    void anErasureDropsMentionsWaitingForTheHandleUnstored() throws Exception {
        try (var h = harness()) {
            h.processElement1(at(mentionByHandle("weibo", "@lily", 1)));
            h.processElement2(new StreamRecord<>(HandleChange.releasedBy(
                    new HandleClaim(HandleClaim.key("weibo", "lily"), "c1", day(2))), day(2)));
            h.processBothWatermarks(new Watermark(day(3)));
            h.setProcessingTime(Duration.ofHours(1).toMillis());
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void anErasureLeavesAHandleThatAnotherCustomerClaimedSince() throws Exception {
        try (var h = harness()) {
            String key = HandleClaim.key("weibo", "@lily");
            h.processElement2(new StreamRecord<>(HandleChange.claimed(new HandleClaim(key, "c2", day(1))), day(1)));
            h.processElement2(new StreamRecord<>(HandleChange.releasedBy(new HandleClaim(key, "c1", day(2))), day(2)));
            h.processElement1(at(mentionByHandle("weibo", "@lily", 3)));
            assertThat(h.extractOutputValues()).singleElement().satisfies(e -> assertThat(e.event().customerId()).isEqualTo("c2"));
        }
    }
}
