package io.cxpulse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxpulse.model.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The simulated churn at evaluation scale: weeks of event time at about four events per customer per day, with
 * stories stretched to days. Checks that churners leave when planned after a build-up a score can detect a week
 * ahead, and that the build-up is not trivially separable from stayers' bad patches.
 */
class SimulatedChurnTest {

    private static final long START = 1_795_000_000_000L;
    private static final long DAY = 86_400_000L;
    private static final int CUSTOMERS = 400;
    private static final SimulatorSettings EVALUATION = new SimulatorSettings(5, CUSTOMERS, CUSTOMERS * 4 / 86_400.0,
            0.01, START).withChurnTiming(40 * DAY, 720);
    private static final Set<String> DEPARTURES = Set.of("subscription_cancelled", "account_closed");
    private static final Set<String> NOT_BROWSING = Set.of("help", "cancel_flow", "unsubscribe", "contact", "error");

    /** What the checks need of one event. */
    private record Seen(long timeMs, String kind) {}

    private static Simulator simulator;
    private static final Map<String, List<Seen>> byCustomer = new HashMap<>();
    private static long generationMillis;
    private static long eventCount;

    @BeforeAll
    static void generate() {
        ObjectMapper mapper = new ObjectMapper();
        Set<String> ids = new HashSet<>();
        long began = System.nanoTime();
        simulator = new Simulator(EVALUATION);
        List<SimulatedRecord> records = new ArrayList<>();
        EventTimeline timeline = new EventTimeline(START, EVALUATION.eventsPerSecond());
        for (long n = 0; timeline.nominal(n) < START + 45 * DAY; n++) {
            records.add(simulator.next());
        }
        generationMillis = (System.nanoTime() - began) / 1_000_000;
        eventCount = records.size();
        for (SimulatedRecord r : records) {
            if (r.malformed() || r.key() == null) {
                continue;
            }
            JsonNode n = read(mapper, r);
            if (!ids.add(n.get("event_id").asText())) {
                continue; // a producer's re-send
            }
            String kind = switch (r.topic()) {
                case Topics.CLICKS -> {
                    String action = n.get("action").asText();
                    yield NOT_BROWSING.contains(action) ? action : "browse";
                }
                case Topics.COMPLAINTS -> "complaint_" + n.get("status").asText();
                case Topics.SERVICE_EVENTS -> {
                    String type = n.get("type").asText();
                    if (type.equals("nps_response")) {
                        yield n.get("score").asDouble() <= 6 ? "nps_low" : "nps_ok";
                    }
                    if (type.equals("csat_response")) {
                        yield n.get("score").asDouble() <= 2 ? "csat_low" : "csat_ok";
                    }
                    yield DEPARTURES.contains(type) ? "departure" : type;
                }
                default -> "other";
            };
            byCustomer.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(new Seen(r.eventTimeMs(), kind));
        }
    }

    @Test
    void weeksOfEventTimeGenerateInSeconds() {
        System.out.printf("evaluation scale: %d events over 45 days in %d ms (%.0f events/s)%n", eventCount,
                generationMillis, eventCount * 1000.0 / Math.max(1, generationMillis));
        assertThat(eventCount).isBetween(60_000L, 80_000L);
        assertThat(generationMillis).isLessThan(30_000);
    }

    @Test
    void churnersWhoAreNotRetainedLeaveWithinADayOfThePlan() {
        List<ChurnPlan> leavers = leavers();
        assertThat(leavers).hasSizeGreaterThan(20);
        long worstOffPlan = 0;
        for (ChurnPlan p : leavers) {
            Long left = firstTime(p.customerId(), "departure");
            assertThat(left).as("departure of %s", p.customerId()).isNotNull();
            worstOffPlan = Math.max(worstOffPlan, Math.abs(left - p.plannedAtMs()));
            assertThat(Math.abs(left - p.plannedAtMs())).as("%s left off plan", p.customerId()).isLessThanOrEqualTo(DAY);
            assertThat(events(p.customerId())).as("%s is silent after leaving", p.customerId())
                    .allMatch(e -> e.timeMs() <= left + EventTimeline.MAX_LATENESS_MS + 60_000);
        }
        for (String retained : simulator.retainedCustomers()) {
            assertThat(count(retained, "departure", 0, Long.MAX_VALUE)).as("retained %s", retained).isZero();
            assertThat(count(retained, "renewed", simulator.plannedChurns().get(retained) - DAY,
                    simulator.plannedChurns().get(retained) + DAY)).isPositive();
        }
        System.out.printf("planned churns %d: %d leave (%d quiet) at most %.1f h off plan, %d retained, %d unannounced%n",
                simulator.churnPlans().size(), leavers.size(),
                leavers.stream().filter(p -> p.style() == ChurnStyle.QUIET).count(), worstOffPlan / 3_600_000.0,
                simulator.retainedCustomers().size(), unannounced().size());
    }

    @Test
    void churnersComplainFarMoreInTheirLastWeekThanStayers() {
        double stayers = stayers().stream().mapToLong(id -> count(id, "complaint_opened", START, START + 45 * DAY))
                .sum() / (stayers().size() * 45.0);
        double churners = leavers().stream().mapToLong(p -> countBefore(p, "complaint_opened", 7)).sum()
                / (leavers().size() * 7.0);
        double drifting = rate(ChurnStyle.DRIFTING, "complaint_opened");
        double quiet = rate(ChurnStyle.QUIET, "complaint_opened");
        System.out.printf("complaints opened per customer-day: stayers %.3f, churners' last week %.3f (drifting %.3f,"
                + " quiet %.3f)%n", stayers, churners, drifting, quiet);
        assertThat(churners).isGreaterThan(2 * stayers);
        assertThat(quiet).as("quiet leavers complain little").isLessThan(drifting / 2);
    }

    @Test
    void surveyScoresFallDuringTheDrift() {
        double npsStayers = share(stayers(), "nps_low", "nps_ok");
        double npsDrift = shareInDrift("nps_low", "nps_ok");
        double csatStayers = share(stayers(), "csat_low", "csat_ok");
        double csatDrift = shareInDrift("csat_low", "csat_ok");
        System.out.printf("share of NPS ≤ 6: stayers %.2f, drifting churners in their second half of drift %.2f;"
                + " CSAT ≤ 2: stayers %.2f, drifting churners %.2f%n", npsStayers, npsDrift, csatStayers, csatDrift);
        assertThat(npsDrift).isGreaterThan(Math.max(0.8, 2 * npsStayers));
        assertThat(csatDrift).isGreaterThan(Math.max(0.6, 1.5 * csatStayers));
    }

    @Test
    void churnersBrowseLessInTheirLastWeekThanInTheirFirst() {
        long first = 0;
        long last = 0;
        int fewer = 0;
        int compared = 0;
        for (ChurnPlan p : leavers()) {
            long left = firstTime(p.customerId(), "departure");
            if (left < START + 14 * DAY) {
                continue; // the first and last weeks would overlap
            }
            long f = count(p.customerId(), "browse", START, START + 7 * DAY);
            long l = countBefore(p, "browse", 7);
            first += f;
            last += l;
            if (f >= 10) { // fewer and the comparison is mostly chance
                compared++;
                if (l < f) {
                    fewer++;
                }
            }
        }
        System.out.printf("browse clicks of %d churners: first week %d, last week %d; %d browse less%n", compared,
                first, last, fewer);
        assertThat(compared).isGreaterThan(8);
        assertThat(last).isLessThan(first / 2);
        assertThat(fewer).isGreaterThanOrEqualTo(compared * 3 / 4);
    }

    @Test
    void cancelFlowVisitsComeInTheLastDaysAndAreRareForStayers() {
        int visitedLastDays = 0;
        for (ChurnPlan p : leavers()) {
            long left = firstTime(p.customerId(), "departure");
            if (count(p.customerId(), "cancel_flow", left - 3 * DAY, left + 1) > 0) {
                visitedLastDays++;
            }
            // the leaving phase is the last 15% of a drift of at most 60% of 40 days: under four days
            assertThat(count(p.customerId(), "cancel_flow", START, left - 4 * DAY)).as(p.customerId()).isZero();
        }
        long stayersVisiting = stayers().stream().filter(id -> count(id, "cancel_flow", START, Long.MAX_VALUE) > 0)
                .count();
        System.out.printf("cancel_flow in the last 3 days: %d of %d leavers; stayers ever visiting: %d of %d%n",
                visitedLastDays, leavers().size(), stayersVisiting, stayers().size());
        assertThat(visitedLastDays).isEqualTo(leavers().size());
        assertThat(stayersVisiting).isLessThanOrEqualTo(stayers().size() / 20);
        for (ChurnPlan p : unannounced()) {
            assertThat(count(p.customerId(), "cancel_flow", START, Long.MAX_VALUE)).isZero();
        }
    }

    @Test
    void someStayersHaveComplaintSpellsAsBadAsAChurnersLastWeek() {
        List<Long> churnerWeeks = leavers().stream().filter(p -> p.style() == ChurnStyle.DRIFTING)
                .map(p -> countBefore(p, "complaint_opened", 7)).sorted().toList();
        long median = churnerWeeks.get(churnerWeeks.size() / 2);
        long stayersWithBadWeek = stayers().stream().filter(id -> worstWeek(id, "complaint_opened") >= median).count();
        System.out.printf("median complaints in a drifting churner's last week: %d; stayers with a week as bad: %d of %d%n",
                median, stayersWithBadWeek, stayers().size());
        assertThat(median).isGreaterThanOrEqualTo(2);
        assertThat(stayersWithBadWeek).isGreaterThanOrEqualTo(stayers().size() / 50);
    }

    @Test
    void aboutOnePercentCancelUnannounced() {
        List<ChurnPlan> noise = unannounced();
        assertThat(noise.size()).isBetween(2, 8);
        for (ChurnPlan p : noise) {
            Long left = firstTime(p.customerId(), "departure");
            assertThat(left).isNotNull();
            assertThat(Math.abs(left - p.plannedAtMs())).isLessThanOrEqualTo(DAY);
        }
    }

    @Test
    void plansDependOnTheSeedAndNotOnTheRate() {
        Simulator again = new Simulator(EVALUATION);
        Simulator faster = new Simulator(new SimulatorSettings(5, CUSTOMERS, 200, 0.01, START)
                .withChurnTiming(40 * DAY, 720));
        assertThat(again.plannedChurns()).isEqualTo(simulator.plannedChurns());
        assertThat(faster.plannedChurns()).isEqualTo(simulator.plannedChurns());
        assertThat(again.retainedCustomers()).isEqualTo(simulator.retainedCustomers());
        Simulator a = new Simulator(EVALUATION);
        for (int i = 0; i < 5_000; i++) {
            assertThat(a.next()).isEqualTo(again.next());
        }
    }

    @Test
    void liveDemoSettingsShowChurnersLeavingWithinHalfAnHour() {
        Simulator demo = new Simulator(SimulatorSettings.of(42, 2_000, 200, START));
        ObjectMapper mapper = new ObjectMapper();
        long firstDeparture = Long.MAX_VALUE;
        Set<String> left = new HashSet<>();
        for (int i = 0; i < 200 * 1_800; i++) {
            SimulatedRecord r = demo.next();
            if (!r.malformed() && r.topic().equals(Topics.SERVICE_EVENTS)
                    && DEPARTURES.contains(read(mapper, r).get("type").asText())) {
                firstDeparture = Math.min(firstDeparture, r.eventTimeMs());
                left.add(r.key());
            }
        }
        long planned = demo.churnPlans().stream().filter(p -> !p.retained()).count();
        System.out.printf("live demo: first departure after %d s; %d of %d planned departures within 30 min%n",
                (firstDeparture - START) / 1000, left.size(), planned);
        assertThat(firstDeparture).isLessThan(START + 30 * 60_000L);
        assertThat(demo.plannedChurns().values()).allMatch(t -> t <= START + 30 * 60_000L);
        assertThat(left.size()).isGreaterThanOrEqualTo((int) (planned * 0.9));
    }

    private static double rate(ChurnStyle style, String kind) {
        List<ChurnPlan> plans = leavers().stream().filter(p -> p.style() == style).toList();
        return plans.stream().mapToLong(p -> countBefore(p, kind, 7)).sum() / (plans.size() * 7.0);
    }

    /** Share of {@code kind} among both kinds for drifting churners, once their drift is half way. */
    private static double shareInDrift(String kind, String otherKind) {
        long a = 0;
        long b = 0;
        for (ChurnPlan p : leavers()) {
            if (p.style() == ChurnStyle.DRIFTING) {
                long from = (p.driftStartMs() + p.plannedAtMs()) / 2;
                a += count(p.customerId(), kind, from, p.plannedAtMs() + DAY);
                b += count(p.customerId(), otherKind, from, p.plannedAtMs() + DAY);
            }
        }
        return a / (double) Math.max(1, a + b);
    }

    private static double share(List<String> customers, String kind, String otherKind) {
        long a = customers.stream().mapToLong(id -> count(id, kind, START, Long.MAX_VALUE)).sum();
        long b = customers.stream().mapToLong(id -> count(id, otherKind, START, Long.MAX_VALUE)).sum();
        return a / (double) Math.max(1, a + b);
    }

    private static long worstWeek(String id, String kind) {
        long worst = 0;
        for (long day = 0; day < 38; day++) {
            worst = Math.max(worst, count(id, kind, START + day * DAY, START + (day + 7) * DAY));
        }
        return worst;
    }

    /** Events of this kind in the given number of days before the customer's departure. */
    private static long countBefore(ChurnPlan p, String kind, int days) {
        long left = firstTime(p.customerId(), "departure");
        return count(p.customerId(), kind, left - days * DAY, left);
    }

    private static long count(String id, String kind, long fromMs, long toMs) {
        return events(id).stream().filter(e -> e.kind().equals(kind) && e.timeMs() >= fromMs && e.timeMs() < toMs)
                .count();
    }

    private static Long firstTime(String id, String kind) {
        return events(id).stream().filter(e -> e.kind().equals(kind)).map(Seen::timeMs).min(Long::compare).orElse(null);
    }

    private static List<Seen> events(String id) {
        return byCustomer.getOrDefault(id, List.of());
    }

    /** Announced churners who are not retained, planned to leave within the generated 45 days. */
    private static List<ChurnPlan> leavers() {
        return simulator.churnPlans().stream()
                .filter(p -> p.style() != ChurnStyle.UNANNOUNCED && !p.retained()).toList();
    }

    private static List<ChurnPlan> unannounced() {
        return simulator.churnPlans().stream().filter(p -> p.style() == ChurnStyle.UNANNOUNCED).toList();
    }

    private static List<String> stayers() {
        Set<String> planned = simulator.plannedChurns().keySet();
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= CUSTOMERS; i++) {
            String id = String.format("cust-%06d", i);
            if (!planned.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private static JsonNode read(ObjectMapper mapper, SimulatedRecord r) {
        try {
            return mapper.readTree(r.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
