package io.cxpulse.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsumeLatenciesTest {

    @Test
    void percentilesAreTakenFromTheSortedDelays() {
        Latencies l = new Latencies();
        assertThat(l.summary()).isEqualTo("no records with an event_time");
        for (long ms = 100; ms >= 1; ms--) {
            l.add(ms * 10);
        }
        assertThat(l.summary()).isEqualTo("n=100 p50=500 ms p90=900 ms p99=990 ms max=1000 ms");
    }
}
