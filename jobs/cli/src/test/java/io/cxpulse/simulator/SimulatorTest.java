package io.cxpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.contract.Contracts;
import io.cxpulse.contract.Decoded;
import io.cxpulse.contract.EventDecoder;
import io.cxpulse.model.CustomerProfile;
import io.cxpulse.model.CxEvent;
import io.cxpulse.model.SourceRef;
import io.cxpulse.model.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatorTest {

    private static final long START = 1_795_000_000_000L;
    private static final int COUNT = 20_000;
    // churns are planned within the horizon: a short one so that churners leave within the 400 s generated here
    private static final SimulatorSettings SETTINGS =
            new SimulatorSettings(7, 300, 50, 0.02, START).withChurnTiming(5 * 60_000L, 1.0);

    private static List<SimulatedRecord> profiles;
    private static List<SimulatedRecord> events;
    private static EventDecoder decoder;

    @BeforeAll
    static void generate() {
        Simulator simulator = new Simulator(SETTINGS);
        profiles = simulator.profiles();
        events = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            events.add(simulator.next());
        }
        decoder = new EventDecoder(Contracts.load(), 1 << 20, 3_600_000L);
    }

    @Test
    void sameSeedGivesIdenticalBytesAndDifferentSeedDoesNot() {
        Simulator a = new Simulator(SimulatorSettings.of(42, 500, 200, START));
        Simulator b = new Simulator(SimulatorSettings.of(42, 500, 200, START));
        Simulator c = new Simulator(SimulatorSettings.of(43, 500, 200, START));
        assertThat(a.profiles()).isEqualTo(b.profiles());
        int differences = 0;
        for (int i = 0; i < 5_000; i++) {
            SimulatedRecord ra = a.next();
            assertThat(b.next()).isEqualTo(ra);
            if (!c.next().equals(ra)) {
                differences++;
            }
        }
        assertThat(differences).isGreaterThan(4_000);
    }

    @Test
    void everyProfileDecodes() {
        assertThat(profiles).hasSize(300);
        for (int i = 0; i < profiles.size(); i++) {
            SimulatedRecord r = profiles.get(i);
            assertThat(r.topic()).isEqualTo(Topics.CUSTOMERS);
            Decoded<CustomerProfile> d = decoder.decodeProfile(new SourceRef(r.topic(), 0, i, r.eventTimeMs()), r.value());
            assertThat(d.rejection()).as("profile %s", r.key()).isNull();
            assertThat(d.value().customerId()).isEqualTo(r.key());
            assertThat(d.value().accountManagerEmail()).endsWith("@example.com");
        }
    }

    @Test
    void validEventsAreAcceptedAndMalformedOnesRejected() {
        for (int i = 0; i < events.size(); i++) {
            SimulatedRecord r = events.get(i);
            Decoded<CxEvent> d = decoder.decodeEvent(new SourceRef(r.topic(), 0, i, r.eventTimeMs()), r.value());
            if (r.malformed()) {
                assertThat(d.isAccepted()).as("malformed record %d on %s", i, r.topic()).isFalse();
            } else {
                assertThat(d.rejection()).as("record %d on %s", i, r.topic()).isNull();
                assertThat(d.value().customerId()).isEqualTo(r.key());
            }
        }
    }

    @Test
    void malformedShareIsNearTheSetting() {
        long malformed = events.stream().filter(SimulatedRecord::malformed).count();
        assertThat(malformed / (double) COUNT).isBetween(0.015, 0.025);
    }

    @Test
    void retriedEventsRepeatTheirIdAndBytes() {
        Map<String, byte[]> byId = new HashMap<>();
        int resent = 0;
        for (SimulatedRecord r : events) {
            if (r.malformed()) {
                continue;
            }
            byte[] earlier = byId.putIfAbsent(json(r).get("event_id").asText(), r.value());
            if (earlier != null) {
                assertThat(r.value()).isEqualTo(earlier);
                resent++;
            }
        }
        assertThat(resent).isBetween(COUNT / 400, COUNT / 100);
    }

    @Test
    void allTopicsAndStreamsAppear() {
        Set<String> topics = new HashSet<>();
        events.forEach(r -> topics.add(r.topic()));
        assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.EVENT_TOPICS);
        assertThat(profiles).allMatch(r -> r.topic().equals(Topics.CUSTOMERS));
    }

    @Test
    void eventTimesFollowTheRateWithBoundedDisorder() {
        long late = 0;
        for (int i = 0; i < events.size(); i++) {
            SimulatedRecord r = events.get(i);
            long nominal = START + i * 1000L / 50;
            assertThat(r.eventTimeMs()).isGreaterThan(nominal - 6_000 - 60_000); // re-sends carry an earlier time
            if (r.eventTimeMs() < nominal - 20) {
                late++;
            }
        }
        assertThat(late).isBetween(COUNT / 100L, COUNT / 10L);
    }

    @Test
    void textsComeInSimplifiedAndTraditionalChineseAndEnglish() {
        Set<String> texts = new HashSet<>();
        boolean simplified = false;
        boolean traditional = false;
        boolean english = false;
        boolean emoji = false;
        for (SimulatedRecord r : valid()) {
            JsonNode text = json(r).get("text");
            if (text == null || text.asText().isEmpty()) {
                continue;
            }
            String t = text.asText();
            texts.add(t);
            simplified |= t.matches(".*[这没还说请们订单].*");
            traditional |= t.matches(".*[這沒還說請們訂單].*") && t.matches(".*[這沒還說請們].*");
            english |= t.matches("^[A-Z].*[a-z ]{10,}.*");
            emoji |= t.codePoints().anyMatch(cp -> cp >= 0x1F300);
        }
        assertThat(simplified).isTrue();
        assertThat(traditional).isTrue();
        assertThat(english).isTrue();
        assertThat(emoji).isTrue();
        assertThat(texts.size()).isGreaterThan(300);
    }

    @Test
    void someMentionsCarryOnlyAHandleThatAProfileResolves() {
        Map<String, String> customerByHandle = new HashMap<>();
        for (SimulatedRecord p : profiles) {
            JsonNode handles = json(p).get("handles");
            if (handles != null) {
                handles.fields().forEachRemaining(e -> customerByHandle.put(e.getKey() + " " + e.getValue().asText(), p.key()));
            }
        }
        int resolvable = 0;
        int unknown = 0;
        for (SimulatedRecord r : valid()) {
            if (!r.topic().equals(Topics.SOCIAL_MENTIONS) || r.key() != null) {
                continue;
            }
            JsonNode n = json(r);
            assertThat(n.has("customer_id")).isFalse();
            if (customerByHandle.containsKey(n.get("platform").asText() + " " + n.get("author_handle").asText())) {
                resolvable++;
            } else {
                unknown++;
            }
        }
        assertThat(resolvable).isPositive();
        assertThat(unknown).isPositive();
    }

    @Test
    void someChurnerVisitsTheCancelFlowAndThenLeaves() {
        Set<String> visitedCancelFlow = new HashSet<>();
        Set<String> leftAfterCancelFlow = new HashSet<>();
        for (SimulatedRecord r : valid()) {
            JsonNode n = json(r);
            if (r.topic().equals(Topics.CLICKS) && n.get("action").asText().equals("cancel_flow")) {
                visitedCancelFlow.add(r.key());
            }
            if (r.topic().equals(Topics.SERVICE_EVENTS) && visitedCancelFlow.contains(r.key())
                    && Set.of("subscription_cancelled", "account_closed").contains(n.get("type").asText())) {
                leftAfterCancelFlow.add(r.key());
            }
        }
        assertThat(leftAfterCancelFlow).isNotEmpty();
    }

    @Test
    void complaintsGoThroughTheirLifecycle() {
        Map<String, List<String>> statuses = new HashMap<>();
        int withCategory = 0;
        int withoutCategory = 0;
        for (SimulatedRecord r : valid()) {
            if (r.topic().equals(Topics.COMPLAINTS)) {
                JsonNode n = json(r);
                statuses.computeIfAbsent(n.get("complaint_id").asText(), k -> new ArrayList<>()).add(n.get("status").asText());
                if (n.has("category")) {
                    withCategory++;
                } else {
                    withoutCategory++;
                }
            }
        }
        assertThat(statuses.values()).anyMatch(s -> s.equals(List.of("opened", "resolved", "closed")));
        assertThat(statuses.values()).anyMatch(s -> s.contains("escalated"));
        assertThat(statuses.values()).anyMatch(s -> s.contains("reopened"));
        assertThat(withCategory).isPositive();
        assertThat(withoutCategory).isPositive();
    }

    @Test
    void mentionReachIsHeavyTailed() {
        List<Long> followers = new ArrayList<>();
        for (SimulatedRecord r : valid()) {
            if (r.topic().equals(Topics.SOCIAL_MENTIONS)) {
                followers.add(json(r).get("author_followers").asLong());
            }
        }
        assertThat(followers).anyMatch(f -> f >= 100_000);
        assertThat(followers.stream().filter(f -> f < 5_000).count()).isGreaterThan(followers.size() * 9L / 10);
    }

    private static List<SimulatedRecord> valid() {
        return events.stream().filter(r -> !r.malformed()).toList();
    }

    private static JsonNode json(SimulatedRecord r) {
        try {
            return new ObjectMapper().readTree(r.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
