package io.cxpulse.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * How rows land in a table, from counts polled twice a second: when the first arrived, when all had, and the rate
 * between 5 % and 95 % of them (start-up and the tail of held-back records left out), crossing times interpolated.
 */
final class Landing {

    private static final long POLL_MS = 500;

    private record Sample(long nanos, long count) {}

    private final List<Sample> samples = new ArrayList<>();
    private final long expected;

    private Landing(long expected) {
        this.expected = expected;
    }

    /**
     * Polls {@code count} until it reaches {@code expected}.
     *
     * @throws IllegalStateException after {@code timeout}, with the count reached
     */
    static Landing await(String what, long expected, LongSupplier count, Duration timeout, PrintStream progress)
            throws InterruptedException {
        Landing landing = new Landing(expected);
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextReport = start + 5_000_000_000L;
        long seen = 0;
        while (seen < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": " + seen + " of " + expected + " events after " + timeout.toSeconds()
                        + " s; giving up");
            }
            Thread.sleep(POLL_MS);
            try {
                seen = count.getAsLong();
            } catch (RuntimeException e) {
                continue; // the table may be mid-merge; ask again
            }
            landing.samples.add(new Sample(System.nanoTime(), seen));
            if (System.nanoTime() > nextReport) {
                nextReport += 5_000_000_000L;
                progress.printf("bench: %s: %d/%d events in ClickHouse%n", what, seen, expected);
            }
        }
        landing.samples.add(0, new Sample(start, 0));
        return landing;
    }

    /** Seconds from the poll before the first row landed to the poll that saw them all. */
    double firstToLastSeconds() {
        int firstNonZero = 0;
        while (samples.get(firstNonZero).count() == 0) {
            firstNonZero++;
        }
        Sample before = samples.get(Math.max(0, firstNonZero - 1));
        return (samples.get(samples.size() - 1).nanos() - before.nanos()) / 1e9;
    }

    /** Events per second from the first row landing to the last. */
    double firstToLastRate() {
        return expected / firstToLastSeconds();
    }

    /** Events per second between 5 % and 95 % of the rows. */
    double sustainedRate() {
        double seconds = (crossing(0.95 * expected) - crossing(0.05 * expected)) / 1e9;
        return seconds <= 0 ? firstToLastRate() : 0.9 * expected / seconds;
    }

    /** When the count crossed {@code level}, interpolated between the polls either side. */
    private double crossing(double level) {
        for (int i = 1; i < samples.size(); i++) {
            Sample a = samples.get(i - 1);
            Sample b = samples.get(i);
            if (b.count() >= level) {
                double f = b.count() == a.count() ? 1 : (level - a.count()) / (double) (b.count() - a.count());
                return a.nanos() + f * (b.nanos() - a.nanos());
            }
        }
        return samples.get(samples.size() - 1).nanos();
    }
}
