package io.cxpulse.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.model.Topics;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A deterministic, endless stream of realistic traffic on the input topics. Same settings, same bytes: the only
 * source of variation is the seeded random stream, never the wall clock, so tests and benchmarks can replay it.
 *
 * <p>Episodes (sessions, complaint lifecycles, churn journeys…) are started when nothing scheduled is due and
 * their later steps are queued at positions further down the stream, so stories interleave as in real traffic.
 * Churns are planned in event time: churners drift towards theirs (see {@link Outlooks}) and leave when it comes,
 * after which nothing more of theirs is sent. Not thread-safe.
 */
public final class Simulator {

    /** Share of records that are exact re-sends of a recent one, as a retrying producer makes. */
    static final double DUPLICATE_SHARE = 0.005;

    private static final int RECENT_CAPACITY = 256;
    /** Weight of a look at the cancellation pages among a customer's episodes, at full leaning to leave. */
    private static final double LEAVING_LOOK_WEIGHT = 40;

    private record Scheduled(long due, long seq, Draft draft) {}

    private final SimulatorSettings settings;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Population population;
    private final CustomerStates states;
    private final Episodes episodes;
    private final IncidentSchedule incidents;
    private final EventTimeline timeline;
    private final Malformer malformer;
    private final ChurnPlans churnPlans;
    private final Outlooks outlooks;
    private final Set<String> departed = new HashSet<>();
    private final SplittableRandom rng;
    private final PriorityQueue<Scheduled> pending = new PriorityQueue<>(
            Comparator.comparingLong(Scheduled::due).thenComparingLong(Scheduled::seq));
    private final SimulatedRecord[] recent = new SimulatedRecord[RECENT_CAPACITY];
    private int recentCount;
    private long position;
    private long scheduleSeq;
    private long eventSeq;

    public Simulator(SimulatorSettings settings) {
        this.settings = settings;
        SplittableRandom root = new SplittableRandom(settings.seed());
        this.population = new Population(settings.customers(), root.split());
        this.incidents = new IncidentSchedule(settings.startTimeMs(), root.split());
        this.rng = root.split();
        this.states = new CustomerStates(population);
        this.episodes = new Episodes(states);
        this.timeline = new EventTimeline(settings.startTimeMs(), settings.eventsPerSecond());
        this.malformer = new Malformer(mapper);
        this.churnPlans = new ChurnPlans(population, settings, root.split());
        this.outlooks = new Outlooks(churnPlans, settings);
    }

    public SimulatorSettings settings() {
        return settings;
    }

    /** Customer id → planned churn time (event-time ms) of every customer planned to churn, announced or not. */
    public Map<String, Long> plannedChurns() {
        Map<String, Long> out = new LinkedHashMap<>();
        churnPlans.all().forEach(p -> out.put(p.customerId(), p.plannedAtMs()));
        return out;
    }

    /** Churners whom the retention offer keeps: at their planned time they renew instead of leaving. */
    public Set<String> retainedCustomers() {
        Set<String> out = new LinkedHashSet<>();
        churnPlans.all().stream().filter(ChurnPlan::retained).forEach(p -> out.add(p.customerId()));
        return out;
    }

    /** The full ground truth of planned churns, in customer order. */
    public List<ChurnPlan> churnPlans() {
        return churnPlans.all();
    }

    /** One {@code cx.customers} record per customer; send these before the events so handles resolve. */
    public List<SimulatedRecord> profiles() {
        String updatedAt = EventTimeline.iso(settings.startTimeMs(), false);
        List<SimulatedRecord> out = new ArrayList<>(population.all().size());
        for (Customer c : population.all()) {
            ObjectNode p = JsonNodeFactory.instance.objectNode();
            p.put("customer_id", c.id()).put("updated_at", updatedAt).put("schema_version", 1).put("name", c.name())
                    .put("segment", c.segment()).put("tier", c.tier()).put("region", c.region())
                    .put("account_manager", c.manager().login()).put("account_manager_email", c.manager().email());
            if (!c.handles().isEmpty()) {
                ObjectNode handles = p.putObject("handles");
                c.handles().forEach(handles::put);
            }
            p.put("marketing_opt_in", c.marketingOptIn()).put("lifetime_value", c.lifetimeValue())
                    .put("contract_renewal_date", c.contractRenewalDate());
            out.add(new SimulatedRecord(Topics.CUSTOMERS, c.id(), write(p), settings.startTimeMs(), false, null));
        }
        return out;
    }

    /** The next event record; never ends. */
    public SimulatedRecord next() {
        long n = position++;
        if (recentCount > 0 && rng.nextDouble() < DUPLICATE_SHARE) {
            return recent[rng.nextInt(Math.min(recentCount, RECENT_CAPACITY))];
        }
        long eventTime = timeline.eventTime(n, rng);
        if (rng.nextDouble() < settings.malformedShare()) {
            return malformed(eventTime);
        }
        Draft draft = nextDue(n);
        if (draft == null) {
            List<Step> steps = startEpisode(timeline.nominal(n));
            for (int k = 1; k < steps.size(); k++) {
                Step s = steps.get(k);
                long at = n + timeline.positionsFor(s.scaledSeconds(settings.storyTimeScale()));
                pending.add(new Scheduled(at, scheduleSeq++, s.draft()));
            }
            draft = steps.get(0).draft();
        }
        if (Drafts.isDeparture(draft)) {
            departed.add(draft.key());
        }
        ObjectNode stamped = stamp(draft, eventTime);
        SimulatedRecord record = new SimulatedRecord(draft.topic(), draft.key(), write(stamped), eventTime, false,
                stamped.get("event_id").asText());
        recent[recentCount++ % RECENT_CAPACITY] = record;
        return record;
    }

    /** The next scheduled step that is due, skipping what was planned for customers who have left since. */
    private Draft nextDue(long n) {
        while (!pending.isEmpty() && pending.peek().due() <= n) {
            Draft d = pending.poll().draft();
            if (d.key() == null || !departed.contains(d.key())) {
                return d;
            }
        }
        return null;
    }

    private List<Step> startEpisode(long now) {
        ChurnPlans.Departure departure = churnPlans.pollDue(now);
        if (departure != null && !states.isGone(departure.customer())) {
            return departure.plan().style() == ChurnStyle.UNANNOUNCED
                    ? episodes.unannouncedExit(departure.customer(), rng)
                    : episodes.churn(departure.customer(), departure.plan().retained(), rng);
        }
        Incident incident = incidents.at(now);
        Customer hit = incident != null && rng.nextDouble() < IncidentSchedule.INCIDENT_EPISODE_SHARE
                ? customerIn(incident.region()) : null;
        if (hit != null && !states.isGone(hit)) {
            Customer c = hit;
            return rng.nextDouble() < 0.75
                    ? episodes.complaint(c, incident.category(), true, outlooks.at(c, now).discontent(), rng)
                    : episodes.mention(c, -1, incident.category(), rng);
        }
        Customer c = activeCustomer(now);
        if (c == null || rng.nextDouble() < 0.03) {
            // strangers post about the brand too; their handles match no profile
            return episodes.mention(null, rng.nextGaussian() * 0.6, null, rng);
        }
        Personality p = c.personality();
        Outlook o = outlooks.at(c, now);
        double browse = p.browseWeight * (1 - 0.8 * o.disengagement());
        double complaint = p.complaintWeight * (1 + 8 * o.discontent());
        double mention = p.mentionWeight * (1 + o.discontent());
        double service = p.serviceWeight * (1 + o.discontent());
        double leavingLook = LEAVING_LOOK_WEIGHT * o.leaning();
        double u = rng.nextDouble() * (browse + complaint + mention + service + leavingLook);
        if ((u -= browse) < 0) {
            return episodes.browse(c, rng);
        }
        if ((u -= complaint) < 0) {
            ComplaintCategory[] all = ComplaintCategory.values();
            return episodes.complaint(c, all[rng.nextInt(all.length)], false, o.discontent(), rng);
        }
        if ((u -= mention) < 0) {
            return episodes.mention(c, o.feltMood(states.mood(c)), null, rng);
        }
        if ((u -= service) < 0) {
            return episodes.service(c, o, rng);
        }
        return episodes.leavingLook(c, rng);
    }

    /**
     * A customer who has not left and is around at this time (disengaged ones skip turns and whole quiet days);
     * after a few misses the pool is taken to be exhausted.
     */
    private Customer activeCustomer(long now) {
        for (int tries = 0; tries < 8; tries++) {
            Customer c = population.draw(rng);
            if (!states.isGone(c) && !(rng.nextDouble() < outlooks.at(c, now).absence())) {
                return c;
            }
        }
        return null;
    }

    /** Someone in the region hit by an incident, preferably still a customer. */
    private Customer customerIn(String region) {
        Customer c = population.draw(rng);
        for (int tries = 0; tries < 20 && (!c.region().equals(region) || states.isGone(c)); tries++) {
            c = population.draw(rng);
        }
        return c;
    }

    /** A one-off event, broken on purpose; built without touching any customer's story. */
    private SimulatedRecord malformed(long eventTime) {
        Customer c = population.draw(rng);
        String session = "s-" + c.id().substring("cust-".length()) + "-x";
        Draft draft = switch (rng.nextInt(4)) {
            case 0 -> Drafts.click(c, session, "/products", "view", 1_000 + rng.nextInt(30_000), "web");
            case 1 -> Drafts.complaint(c, "cmp-" + c.id().substring("cust-".length()) + "-x", "app", "opened",
                    ComplaintTexts.opening(ComplaintCategory.values()[rng.nextInt(ComplaintCategory.values().length)],
                            c.language(), rng), null, null, null);
            case 2 -> Drafts.mention(c.id(), "weibo", "@user" + (100_000 + rng.nextInt(900_000)), Episodes.followers(rng),
                    MentionTexts.post(rng.nextGaussian(), c.language(), rng), Long.toString(rng.nextLong(1L << 40), 36),
                    0, 0);
            default -> Drafts.service(c, "survey", "nps_response", null, null, null, (double) rng.nextInt(11), null,
                    null);
        };
        MalformedKind[] kinds = MalformedKind.values();
        byte[] bytes = malformer.corrupt(draft.topic(), stamp(draft, eventTime), kinds[rng.nextInt(kinds.length)], rng);
        return new SimulatedRecord(draft.topic(), draft.key(), bytes, eventTime, true, null);
    }

    /** Puts the id and time first, where a human reading the topic looks for them. */
    private ObjectNode stamp(Draft draft, long eventTime) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("event_id", "sim-" + settings.seed() + "-" + (eventSeq++));
        event.put("event_time", EventTimeline.iso(eventTime, draft.chinaLocalOffset()));
        event.setAll(draft.body());
        return event;
    }

    private byte[] write(ObjectNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
