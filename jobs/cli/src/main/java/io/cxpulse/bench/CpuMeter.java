package io.cxpulse.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of the benchmark's three processes, as the OS counts it: this JVM (the Flink mini-cluster, and the
 * benchmark's own clients, which poll counts), the Kafka broker and the ClickHouse server, each with its child
 * processes. On a machine the three share, where the time goes across processes tells more than any one of them.
 */
final class CpuMeter {

    /** CPU time per part at one moment. */
    record Reading(long wallNanos, Map<String, Long> cpuNanos) {}

    private final Map<String, ProcessHandle> parts = new LinkedHashMap<>();

    CpuMeter(long kafkaPid, long clickhousePid) {
        parts.put("flink_jvm", ProcessHandle.current());
        ProcessHandle.of(kafkaPid).ifPresent(p -> parts.put("kafka", p));
        ProcessHandle.of(clickhousePid).ifPresent(p -> parts.put("clickhouse", p));
    }

    Reading read() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        parts.forEach((name, process) -> cpu.put(name, Stream.concat(Stream.of(process),
                        name.equals("flink_jvm") ? Stream.empty() : process.descendants())
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
                .sum()));
        return new Reading(System.nanoTime(), cpu);
    }

    /** Per part and in all: CPU seconds, cores busy on average, and CPU microseconds per event. */
    static ObjectNode between(Reading from, Reading to, long events) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        double wall = (to.wallNanos() - from.wallNanos()) / 1e9;
        s.put("wall_s", Math.round(wall * 10) / 10.0);
        long total = 0;
        for (Map.Entry<String, Long> e : to.cpuNanos().entrySet()) {
            long used = e.getValue() - from.cpuNanos().getOrDefault(e.getKey(), 0L);
            total += used;
            part(s.putObject(e.getKey()), used, wall, events);
        }
        part(s.putObject("total"), total, wall, events);
        return s;
    }

    private static void part(ObjectNode s, long cpuNanos, double wallSeconds, long events) {
        cpuFigures(s, cpuNanos, events);
        s.put("cores", wallSeconds > 0 ? Math.round(cpuNanos / 1e9 / wallSeconds * 100) / 100.0 : 0);
    }

    /** CPU seconds and CPU microseconds per event, as every CPU figure of the report gives them. */
    static void cpuFigures(ObjectNode s, long cpuNanos, long events) {
        s.put("cpu_s", Math.round(cpuNanos / 1e8) / 10.0);
        s.put("cpu_us_per_event", events > 0 ? Math.round(cpuNanos / 1e3 / events * 10) / 10.0 : 0);
    }
}
