package io.cxpulse.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time of this JVM's threads grouped by what they run: a Flink task thread is named after its chain of operators
 * (subtask suffix dropped, so both subtasks of a stage add up), other threads by name without their number. Read at
 * the start and the end of a job, the difference says which stage spent the CPU.
 */
final class ThreadCpu {

    private static final Pattern SUBTASK = Pattern.compile(" \\(\\d+/\\d+\\)(#\\d+)?$");
    private static final Pattern NUMBERED = Pattern.compile("[-#]?\\d+$");
    /** The JVM's own and native threads worth naming (their OS names, cut at 15 characters). */
    private static final Pattern NATIVE = Pattern.compile(
            "^(C[12] CompilerThre|GC Thread|G1 |VM Thread|VM Periodic|Sweeper|rocksdb:|Common-Cleaner).*");
    private static final long TICK_NANOS = 10_000_000L; // USER_HZ is 100 on Linux

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    /** Per thread id (negative: an OS thread id from /proc), its group; threads that end between readings are lost. */
    private final Map<Long, String> groupOf = new HashMap<>();

    ThreadCpu() {
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    /**
     * CPU time per thread: Java threads by id, and the JVM's own and native threads (JIT compilers, GC, RocksDB's
     * flushes and compactions), which Java does not list, from {@code /proc/self/task} on Linux under negative ids.
     */
    Map<Long, Long> read() {
        Map<Long, Long> cpu = new HashMap<>();
        readNativeThreads(cpu);
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long t = threads.getThreadCpuTime(info.getThreadId());
            if (t >= 0) {
                cpu.put(info.getThreadId(), t);
                groupOf.putIfAbsent(info.getThreadId(), group(info.getThreadName()));
            }
        }
        return cpu;
    }

    private void readNativeThreads(Map<Long, Long> cpu) {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tasks)) {
            for (Path dir : dirs) {
                String stat;
                try {
                    stat = Files.readString(dir.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (!NATIVE.matcher(comm).matches()) {
                    continue;
                }
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long id = -Long.parseLong(dir.getFileName().toString());
                cpu.put(id, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS);
                groupOf.putIfAbsent(id, NUMBERED.matcher(comm).replaceFirst("").trim() + " (JVM/native)");
            }
        } catch (IOException e) {
            // not Linux, or /proc unreadable: Java threads only
        }
    }

    static String group(String threadName) {
        String name = SUBTASK.matcher(threadName).replaceFirst("");
        return name.equals(threadName) ? NUMBERED.matcher(threadName).replaceFirst("") : name;
    }

    /** The groups that used at least 1 % of the CPU between the readings, most first, with µs per event. */
    ArrayNode between(Map<Long, Long> from, Map<Long, Long> to, long events) {
        Map<String, Long> byGroup = new HashMap<>();
        long total = 0;
        for (Map.Entry<Long, Long> e : to.entrySet()) {
            long used = e.getValue() - from.getOrDefault(e.getKey(), 0L);
            byGroup.merge(groupOf.get(e.getKey()), used, Long::sum);
            total += used;
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        long all = total;
        byGroup.entrySet().stream()
                .filter(e -> e.getValue() >= all / 100)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> {
                    ObjectNode s = out.addObject();
                    s.put("threads", e.getKey());
                    CpuMeter.cpuFigures(s, e.getValue(), events);
                });
        return out;
    }
}
