package io.cxpulse.evaluate;

import io.cxpulse.profile.Decay;
import io.cxpulse.simulator.SimulatedRecord;
import io.cxpulse.simulator.Simulator;
import io.cxpulse.simulator.SimulatorSettings;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated period at realistic scale, fast-forwarded: {@code customers} customers over {@code days} days of event
 * time, about {@code eventsPerCustomerPerDay} events each a day, stories stretched from seconds to hours and days.
 * Deterministic: the same scenario always yields the same stream, so the job can replay it from inside its sources.
 */
public record EvaluationScenario(long seed, int customers, int days, double eventsPerCustomerPerDay) implements Serializable {

    /** A fixed start, so a scenario's event times are the same on every run. */
    static final long START_MS = Instant.parse("2026-01-05T00:00:00Z").toEpochMilli();
    /** A minute of story becomes half a day: complaint lifecycles, waits and fixes take hours to days. */
    static final double STORY_TIME_SCALE = 720;

    private static final Pattern CANCELLATION = Pattern.compile("\"type\":\"(subscription_cancelled|account_closed)\"");
    private static final Pattern CUSTOMER = Pattern.compile("\"customer_id\":\"([^\"]+)\"");

    public EvaluationScenario {
        if (customers < 10) {
            throw new IllegalArgumentException("--customers must be at least 10, got " + customers);
        }
        if (days < 14) {
            throw new IllegalArgumentException("--days must be at least 14 (7-day horizon plus history), got " + days);
        }
        if (eventsPerCustomerPerDay <= 0) {
            throw new IllegalArgumentException("--events-per-customer-per-day must be > 0, got " + eventsPerCustomerPerDay);
        }
    }

    public long startMs() {
        return START_MS;
    }

    public long endMs() {
        return START_MS + days * Decay.DAY_MS;
    }

    public SimulatorSettings settings() {
        double perSecond = customers * eventsPerCustomerPerDay / 86_400.0;
        // planned churns spread over the period, leaving the last tenth for the stayers to stay
        long horizon = (long) (days * 0.9 * Decay.DAY_MS);
        return new SimulatorSettings(seed, customers, perSecond, 0.0, START_MS).withChurnTiming(horizon, STORY_TIME_SCALE);
    }

    /** What happened in the stream: how many event records it has, and who cancelled when. */
    public record Truth(long eventRecords, Map<String, Long> cancelledAtMs, Set<String> customers) {}

    /** One pass over the stream, the same stream the job will read. */
    public Truth truth() {
        Simulator simulator = new Simulator(settings());
        Set<String> ids = new HashSet<>();
        for (SimulatedRecord p : simulator.profiles()) {
            ids.add(p.key());
        }
        Map<String, Long> cancelled = new HashMap<>();
        long n = 0;
        for (SimulatedRecord r = simulator.next(); r.eventTimeMs() < endMs(); r = simulator.next()) {
            n++;
            String json = new String(r.value(), StandardCharsets.UTF_8);
            if (CANCELLATION.matcher(json).find()) {
                Matcher c = CUSTOMER.matcher(json);
                if (c.find()) {
                    cancelled.merge(c.group(1), r.eventTimeMs(), Math::min);
                }
            }
        }
        return new Truth(n, cancelled, ids);
    }
}
