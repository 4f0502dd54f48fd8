package io.cxpulse.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cxpulse.model.Topics;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * A deterministic, endless stream of realistic traffic on the input topics. Same settings, same bytes: the only
 * source of variation is the seeded random stream, never the wall clock, so tests and benchmarks can replay it.
 *
 * <p>Episodes (sessions, complaint lifecycles, churn journeys…) are started when nothing scheduled is due and
 * their later steps are queued at positions further down the stream, so stories interleave as in real traffic.
 * Not thread-safe.
 */
public final class Simulator {

    /** Share of records that are exact re-sends of a recent one, as a retrying producer makes. */
    static final double DUPLICATE_SHARE = 0.005;

    private static final int RECENT_CAPACITY = 256;

    private record Scheduled(long due, long seq, Draft draft) {}

    private final SimulatorSettings settings;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Population population;
    private final CustomerStates states;
    private final Episodes episodes;
    private final IncidentSchedule incidents;
    private final EventTimeline timeline;
    private final Malformer malformer;
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
    }

    public SimulatorSettings settings() {
        return settings;
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
            out.add(new SimulatedRecord(Topics.CUSTOMERS, c.id(), write(p), settings.startTimeMs(), false));
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
        Draft draft;
        Scheduled due = pending.peek();
        if (due != null && due.due() <= n) {
            draft = pending.poll().draft();
        } else {
            List<Step> steps = startEpisode(timeline.nominal(n));
            for (int k = 1; k < steps.size(); k++) {
                Step s = steps.get(k);
                pending.add(new Scheduled(n + timeline.positionsFor(s.delaySeconds()), scheduleSeq++, s.draft()));
            }
            draft = steps.get(0).draft();
        }
        SimulatedRecord record = new SimulatedRecord(draft.topic(), draft.key(), write(stamp(draft, eventTime)),
                eventTime, false);
        recent[recentCount++ % RECENT_CAPACITY] = record;
        return record;
    }

    private List<Step> startEpisode(long now) {
        Incident incident = incidents.at(now);
        if (incident != null && rng.nextDouble() < IncidentSchedule.INCIDENT_EPISODE_SHARE) {
            Customer c = customerIn(incident.region());
            return rng.nextDouble() < 0.75
                    ? episodes.complaint(c, incident.category(), true, rng)
                    : episodes.mention(c, -1, incident.category(), rng);
        }
        Customer c = activeCustomer();
        if (c == null || rng.nextDouble() < 0.03) {
            // strangers post about the brand too; their handles match no profile
            return episodes.mention(null, rng.nextGaussian() * 0.6, null, rng);
        }
        Personality p = c.personality();
        int total = p.browseWeight + p.complaintWeight + p.mentionWeight + p.serviceWeight + p.churnWeight;
        int u = rng.nextInt(total);
        if ((u -= p.browseWeight) < 0) {
            return episodes.browse(c, rng);
        }
        if ((u -= p.complaintWeight) < 0) {
            ComplaintCategory[] all = ComplaintCategory.values();
            return episodes.complaint(c, all[rng.nextInt(all.length)], false, rng);
        }
        if ((u -= p.mentionWeight) < 0) {
            return episodes.mention(c, states.mood(c), null, rng);
        }
        if ((u -= p.serviceWeight) < 0) {
            return episodes.service(c, rng);
        }
        return episodes.churn(c, rng);
    }

    /** A customer who has not left; after a few misses the pool is taken to be exhausted. */
    private Customer activeCustomer() {
        for (int tries = 0; tries < 8; tries++) {
            Customer c = population.draw(rng);
            if (!states.isGone(c)) {
                return c;
            }
        }
        return null;
    }

    private Customer customerIn(String region) {
        Customer c = population.draw(rng);
        for (int tries = 0; tries < 20 && !c.region().equals(region); tries++) {
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
        return new SimulatedRecord(draft.topic(), draft.key(), bytes, eventTime, true);
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
