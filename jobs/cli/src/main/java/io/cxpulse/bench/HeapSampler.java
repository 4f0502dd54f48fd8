package io.cxpulse.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak heap of this JVM (the mini-cluster and the benchmark's clients; Kafka and ClickHouse run as child processes),
 * two ways: used heap sampled every 100 ms, and the sum of the heap pools' own peaks since the start.
 */
final class HeapSampler implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong sampledPeak = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    HeapSampler() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .forEach(MemoryPoolMXBean::resetPeakUsage);
        thread = new Thread(this::sample, "bench-heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        while (running) {
            sampledPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    long sampledPeakBytes() {
        return sampledPeak.get();
    }

    /** Sum of each heap pool's peak: an upper bound (pools peak at different times), but catches what sampling misses. */
    long poolPeakBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    long maxHeapBytes() {
        return memory.getHeapMemoryUsage().getMax();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
