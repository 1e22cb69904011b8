package io.cxmonitor.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPU time of a JVM by task since {@link #watch}: every thread's CPU time, read five times a
 * second while jobs run (a task's thread ends with its input, so its last reading counts), with the threads of
 * one task added up ({@link #taskOf}). What no Java thread accounts for (the JIT
 * compiler and the garbage collector, whose threads the JVM hides) is the process's CPU time less
 * theirs.
 */
final class ThreadCpu {

    static final String LINE = "cpu| ";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Reading> readings = new ConcurrentHashMap<>();
    /** Each thread's CPU time when first read: a thread that ran before {@link #watch} counts from there. */
    private final Map<Long, Long> firstReadings = new ConcurrentHashMap<>();
    private final long processBefore = processCpuNanos();
    private final long compilingBefore = compilingMillis();

    /** A task thread: its operator chain, then the subtask, e.g. {@code Tickets (1/1)#0}. */
    private static final Pattern TASK = Pattern.compile("(.+) \\(\\d+/\\d+\\)#\\d+");

    private record Reading(String name, long cpuNanos) {}

    private ThreadCpu() {}

    /** Starts reading; {@link #table} says what it saw. */
    static ThreadCpu watch() {
        ThreadCpu cpu = new ThreadCpu();
        cpu.read(); // what ran before counts from here
        cpu.started = true;
        Thread reader = new Thread(() -> {
            while (true) {
                cpu.read();
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "thread-cpu-reader");
        reader.setDaemon(true);
        reader.start();
        return cpu;
    }

    private volatile boolean started;

    private void read() {
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    readings.put(info.getThreadId(), new Reading(info.getThreadName(), nanos));
                    firstReadings.putIfAbsent(info.getThreadId(), started ? 0 : nanos);
                }
            }
        }
    }

    /** Lines of a Markdown table, each starting with {@link #LINE}: CPU seconds and share by task. */
    List<String> table() {
        read();
        Map<String, Double> seconds = new LinkedHashMap<>();
        readings.forEach((id, r) -> seconds.merge(taskOf(r.name()),
                (r.cpuNanos() - firstReadings.getOrDefault(id, 0L)) / 1e9, Double::sum));
        double java = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        double process = (processCpuNanos() - processBefore) / 1e9;
        double compiling = (compilingMillis() - compilingBefore) / 1e3;
        seconds.put("JIT compiler and garbage collector (the process's CPU time no Java thread accounts for)",
                Math.max(0, process - java));
        double all = Math.max(process, java);
        List<String> lines = new ArrayList<>(List.of(
                LINE + String.format("%.1f s of CPU in all; the JIT compilers spent %.1f s compiling (elapsed)", all,
                        compiling),
                LINE, LINE + "| task | CPU s | share |", LINE + "|---|---|---|"));
        seconds.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(t -> t.getValue() >= all / 200)
                .forEach(t -> lines.add(LINE + String.format("| %s | %.1f | %.0f%% |", t.getKey(), t.getValue(),
                        100 * t.getValue() / all)));
        return lines;
    }

    /** The task (operator chain) a thread works for, or what else it does. */
    static String taskOf(String thread) {
        if (thread.startsWith("AsyncOperations")) {
            return ProfileSummary.CHECKPOINTS;
        } else if (thread.startsWith("Source Data Fetcher")) {
            return "Kafka source: fetching";
        } else if (thread.startsWith("kafka-producer-network-thread")) {
            return "Kafka sinks: sending";
        } else if (thread.startsWith("OutputFlusher")) {
            return "network buffer flushes";
        }
        Matcher task = TASK.matcher(thread);
        if (task.matches()) {
            String chain = task.group(1);
            return chain.length() > 90 ? chain.substring(0, 87) + "..." : chain;
        }
        return "the JVM's other Java threads (start-up, deployment, the local cluster)";
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long compilingMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }
}
