package io.cxpulse.churn;

import static io.cxpulse.churn.Events.click;
import static io.cxpulse.churn.Events.complaint;
import static io.cxpulse.churn.Events.mention;
import static io.cxpulse.churn.Events.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxpulse.enrich.EnrichedEvent;
import io.cxpulse.model.CustomerProfile;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Stories a person can judge, scored by the shipped model: the risks must come out in the order a person would
 * put them, with reasons that name what happened.
 */
class CustomerStoriesTest {

    private static CustomerScore last(List<EnrichedEvent> story) throws Exception {
        ScoringSettings settings = new ScoringSettings(0.001, 0.01, Duration.ofDays(1), Duration.ofDays(60),
                Duration.ofDays(180), null);
        try (var h = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new ScoreCustomer(settings)),
                (EnrichedEvent e) -> e.event().customerId(), CustomerProfile::customerId, Types.STRING)) {
            h.open();
            for (EnrichedEvent e : story) {
                h.processElement1(new StreamRecord<>(e, e.event().eventTimeMs()));
            }
            List<CustomerScore> out = h.extractOutputValues();
            return out.get(out.size() - 1);
        }
    }

    /** Three weeks of ordinary browsing, the common start of every story. */
    private static List<EnrichedEvent> usual(String customer) {
        List<EnrichedEvent> events = new java.util.ArrayList<>();
        for (double d = 0; d < 21; d += 0.5) {
            events.add(click(customer, d, "view"));
        }
        return events;
    }

    @Test
    void unansweredAndCancellingOutranksViralWhichOutranksLoyal() throws Exception {
        List<EnrichedEvent> loyal = usual("loyal");
        loyal.add(complaint("loyal", 21, "k1", "opened", -0.6f));
        loyal.add(complaint("loyal", 21.3, "k1", "resolved", 0.7f));
        for (double d = 21.5; d < 28; d += 0.5) {
            loyal.add(click("loyal", d, "view"));
        }

        List<EnrichedEvent> ignored = usual("ignored");
        ignored.add(complaint("ignored", 21, "k1", "opened", -0.7f));
        ignored.add(service("ignored", 21.5, "call_abandoned", 45 * 60_000L, null));
        ignored.add(complaint("ignored", 23, "k2", "opened", -0.8f));
        ignored.add(complaint("ignored", 24, "k1", "updated", -0.9f));
        ignored.add(service("ignored", 24.2, "call_abandoned", 60 * 60_000L, null));
        ignored.add(service("ignored", 25, "callback_missed", null, null));
        ignored.add(complaint("ignored", 26, "k3", "opened", -0.9f));
        ignored.add(click("ignored", 28, "cancel_flow"));

        List<EnrichedEvent> viral = usual("viral");
        viral.add(mention("viral", 25, -0.9f, 500_000));
        viral.add(complaint("viral", 25.1, "k1", "opened", -0.9f));
        for (double d = 25.5; d < 28; d += 0.5) {
            viral.add(click("viral", d, "view"));
        }

        CustomerScore a = last(loyal);
        CustomerScore b = last(ignored);
        CustomerScore c = last(viral);
        System.out.printf("loyal %.3f [%s]%nignored %.3f [%s]%nviral %.3f [%s]%n", a.risk(), a.explanationEn(), b.risk(),
                b.explanationEn(), c.risk(), c.explanationEn());
        assertThat(b.risk()).isGreaterThan(c.risk());
        assertThat(c.risk()).isGreaterThan(a.risk());
        assertThat(b.explanationEn()).contains("cancellation page").containsAnyOf("unresolved complaint", "abandoned",
                "waited", "complaining");
        assertThat(c.explanationEn()).contains("negative posts reaching 500k followers");
    }
}
