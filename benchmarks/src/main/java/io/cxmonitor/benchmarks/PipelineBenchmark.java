package io.cxmonitor.benchmarks;

import io.cxmonitor.domain.stats.Samples;
import io.cxmonitor.events.Stream;
import io.cxmonitor.generator.GeneratorRun;
import io.cxmonitor.generator.KafkaPublisher;
import io.cxmonitor.generator.TrafficSettings;
import io.cxmonitor.generator.TrafficSimulator;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.localstack.InfluxServer;
import io.cxmonitor.localstack.KafkaBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The signals job against its ceiling, and against the plain Flink SQL peer of the same signals
 * ({@code --peer}): all read the same pre-filled topics from a local broker. The ceiling only
 * parses, keys and counts per 10 s, and again with the contract's de-duplication before the count
 * (the least a job that honours SPEC 2 must do); cx-signals computes every signal and publishes its
 * points and experiences to Kafka, and cx-influx then writes the points to a local influxd. Each
 * job runs in a fresh JVM with a 2 GB heap, as the peer does ({@link PipelineRun}); each figure is
 * events per second from the job's start to the end of its input, start-up included, as the peer
 * measures itself.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "Throughput of all signals against a trivial job on the same events, and against the Flink SQL peer.")
final class PipelineBenchmark implements Callable<Integer> {

    private static final Pattern PEER_RESULT = Pattern.compile("peer-sql: (\\d+) events in ([\\d.]+) s = (\\d+) ev/s");

    @Option(names = "--events", defaultValue = "2000000", description = "Events to pre-fill (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--parallelism", defaultValue = "1", description = "Parallelism of every job (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--customers", defaultValue = "200000", description = "Customer base of the generated traffic (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--peer", description = "Fill the topics with the peer's filler and run the Flink SQL peer, "
            + "the ceiling (alone and with de-duplication), cx-signals and cx-influx in turn, --rounds times.")
    boolean peer;

    @Option(names = "--peer-dir", description = "The peer (default: ../shared/bench/peer-sql beside the repository, "
            + "or $CX_PEER_SQL).")
    Path peerDir;

    @Option(names = "--without-topics-and-anomalies", description = "Also run cx-signals with topics.enabled=false "
            + "and anomalies.enabled=false in each round, and print what they cost.")
    boolean abTopicsAndAnomalies;

    @Option(names = "--cpu", description = "Print where each job's CPU time went, by task.")
    boolean cpu;

    @Option(names = "--rounds", defaultValue = "3", description = "Alternating rounds with --peer (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start(); InfluxServer influx = InfluxServer.launch()) {
            CxConfig config = CxConfig.load(Map.of(), Map.of(), Map.of(
                    CxOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers(),
                    CxOptions.INFLUXDB_URL.key(), influx.url(),
                    CxOptions.KAFKA_BOUNDED.key(), "true"));
            kafka.createTopics(2, KafkaTopics.all(config));
            Path peerHome = peer ? peerHome() : null;
            if (peer) {
                fillWithPeer(peerHome, kafka.bootstrapServers());
            } else {
                prefill(kafka.bootstrapServers(), config, events, customers);
            }
            Samples peerRates = new Samples();
            Samples ceilings = new Samples();
            Samples deduplicated = new Samples();
            Samples signals = new Samples();
            Samples withInflux = new Samples();
            Samples without = new Samples();
            boolean alternate = peer || abTopicsAndAnomalies;
            for (int round = 1; round <= (alternate ? rounds : 1); round++) {
                if (peer) {
                    peerRates.add(runPeer(peerHome, kafka.bootstrapServers()));
                }
                ceilings.add(events / inFreshJvm(PipelineRun.CEILING, with(config, "ceiling")));
                deduplicated.add(events / inFreshJvm(PipelineRun.DEDUPLICATED, with(config, "dedup")));
                if (abTopicsAndAnomalies) {
                    without.add(events / inFreshJvm(PipelineRun.SIGNALS, withoutTopicsAndAnomalies(with(config, "plain"))));
                }
                double alone = inFreshJvm(PipelineRun.SIGNALS, with(config, "signals"));
                double influxAfter = inFreshJvm(PipelineRun.INFLUX, with(config, "influx"));
                signals.add(events / alone);
                withInflux.add(events / (alone + influxAfter));
            }
            double ceiling = ceilings.percentile(0.5);
            double cxSignals = signals.percentile(0.5);
            System.out.printf("%nMedians over %d round(s) of %,d events, parallelism %d:%n", ceilings.size, events,
                    parallelism);
            if (peer) {
                System.out.printf("  peer (Flink SQL, the same signals' core):       %,9.0f events/s%n",
                        peerRates.percentile(0.5));
            }
            System.out.printf("  ceiling (parse, keyBy, 10 s count, discard):     %,9.0f events/s%n", ceiling);
            System.out.printf("  ceiling + de-duplication (SPEC 2):               %,9.0f events/s (%.2f of the ceiling)%n",
                    deduplicated.percentile(0.5), deduplicated.percentile(0.5) / ceiling);
            System.out.printf("  cx-signals (every signal, to Kafka):             %,9.0f events/s%n", cxSignals);
            System.out.printf("  cx-signals, then cx-influx into InfluxDB:        %,9.0f events/s%n",
                    withInflux.percentile(0.5));
            if (abTopicsAndAnomalies) {
                System.out.printf("  cx-signals without topics and anomalies:         %,9.0f events/s%n", without.percentile(0.5));
                System.out.printf("cx-signals with topics and anomalies / without: %.2f (target: at least 0.9)%n",
                        cxSignals / without.percentile(0.5));
            }
            if (peer) {
                System.out.printf("cx-signals / peer: %.2f (target: at least 3)%n", cxSignals / peerRates.percentile(0.5));
            }
            System.out.printf("cx-signals / ceiling: %.2f (target: at least 0.8)%n", cxSignals / ceiling);
        }
        return 0;
    }

    /**
     * Runs a job of this benchmark in a JVM of its own, as the peer runs: each job starts as cold
     * as the other, and none profits from what an earlier one compiled.
     */
    private double inFreshJvm(String job, CxConfig config) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms2g", "-Xmx2g"));
        command.addAll(JAVA_17_OPENS);
        for (String property : List.of("cxmon.log.file", "cxmon.state", "cxmon.root")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        if (cpu) {
            command.add("-D" + PipelineRun.CPU_PROPERTY + "=true");
        }
        String options = System.getenv("CX_BENCH_JVM_OPTIONS"); // e.g. to record a profile of the job
        if (options != null && !options.isBlank()) {
            command.addAll(List.of(options.replace("{job}", job).trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PipelineRun.class.getName(), job,
                Integer.toString(parallelism)));
        config.toMap().forEach((k, v) -> command.add(k + "=" + v));
        List<String> lines = run(job, command);
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        if (!last.startsWith(PipelineRun.SECONDS)) {
            throw new IllegalStateException(job + " printed no time:\n" + String.join("\n", lines));
        }
        double seconds = Double.parseDouble(last.substring(PipelineRun.SECONDS.length()));
        System.out.printf("%s: %,d events in %.1f s = %,.0f events/s%n", job, events, seconds, events / seconds);
        if (cpu) {
            lines.stream().filter(l -> l.startsWith(ThreadCpu.LINE))
                    .forEach(l -> System.out.println("  " + l.substring(ThreadCpu.LINE.length())));
        }
        return seconds;
    }

    /** What Flink's own launcher passes to a Java 17 JVM, as the peer's scripts do. */
    private static final List<String> JAVA_17_OPENS = List.of("java.lang", "java.net", "java.io", "java.nio",
            "sun.nio.ch", "java.lang.reflect", "java.text", "java.time", "java.util", "java.util.concurrent",
            "java.util.concurrent.atomic", "java.util.concurrent.locks").stream()
            .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").toList();

    private static CxConfig withoutTopicsAndAnomalies(CxConfig config) {
        Map<String, String> values = new LinkedHashMap<>(config.toMap());
        values.put(CxOptions.TOPICS_ENABLED.key(), "false");
        values.put(CxOptions.ANOMALIES_ENABLED.key(), "false");
        return CxConfig.load(Map.of(), Map.of(), values);
    }

    private static CxConfig with(CxConfig config, String group) {
        Map<String, String> values = new LinkedHashMap<>(config.toMap());
        values.put(CxOptions.KAFKA_GROUP_ID.key(), "bench-" + group + "-" + System.nanoTime());
        return CxConfig.load(Map.of(), Map.of(), values);
    }

    /** {@code events} of generated traffic of {@code customers}, sent as fast as Kafka takes them. */
    static void prefill(String bootstrap, CxConfig config, long events, int customers) {
        Map<Stream, String> topics = KafkaTopics.byStream(config);
        double rate = 1_000;
        long start = System.currentTimeMillis() - (long) (events / rate * 1000) - 3_600_000;
        TrafficSettings settings = new TrafficSettings().seed(1).rate(rate).customers(customers);
        long began = System.nanoTime();
        new GeneratorRun(new TrafficSimulator(settings, start), new KafkaPublisher(bootstrap, topics), null, false,
                start, null, events).run();
        System.out.printf("Pre-filled %,d events in %.1f s%n", events, (System.nanoTime() - began) / 1e9);
    }

    // ---------------------------------------------------------------- the peer

    /** The peer's folder: not product code, so it is used where it is, never copied in. */
    private Path peerHome() {
        Path dir = peerDir;
        if (dir == null && System.getenv("CX_PEER_SQL") != null) {
            dir = Path.of(System.getenv("CX_PEER_SQL"));
        }
        if (dir == null) {
            dir = Path.of(System.getProperty("cxmon.root", ".")).toAbsolutePath().getParent()
                    .resolve("shared/bench/peer-sql");
        }
        if (!Files.isExecutable(dir.resolve("run.sh")) || !Files.isExecutable(dir.resolve("fill.sh"))) {
            throw new IllegalArgumentException("The Flink SQL peer is not at " + dir
                    + " (no run.sh and fill.sh there). Fix: pass --peer-dir DIR or set CX_PEER_SQL.");
        }
        return dir;
    }

    /** The peer's own filler writes the events every job of the run reads (seed 42, as the peer's figures). */
    private void fillWithPeer(Path home, String bootstrap) throws Exception {
        long began = System.nanoTime();
        List<String> out = exec(home, "fill.sh", bootstrap, Long.toString(events), "42");
        out.stream().filter(l -> l.startsWith("filler:")).forEach(System.out::println);
        System.out.printf("Pre-filled %,d events with the peer's filler in %.1f s%n", events,
                (System.nanoTime() - began) / 1e9);
    }

    private double runPeer(Path home, String bootstrap) throws Exception {
        List<String> out = exec(home, "run.sh", bootstrap, Integer.toString(parallelism));
        for (int i = out.size() - 1; i >= 0; i--) {
            Matcher m = PEER_RESULT.matcher(out.get(i));
            if (m.find()) {
                if (Long.parseLong(m.group(1)) != events) {
                    throw new IllegalStateException("the peer read " + m.group(1) + " events, not " + events);
                }
                System.out.println(out.get(i));
                return Double.parseDouble(m.group(3));
            }
        }
        throw new IllegalStateException("the peer printed no result:\n" + String.join("\n", out));
    }

    /** Runs one of the peer's scripts; its output. */
    private static List<String> exec(Path home, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve(script).toString()));
        command.addAll(List.of(args));
        return run(script, command);
    }

    /** Runs a command to its end; its output and errors, line by line, or what it said when it failed. */
    private static List<String> run(String what, List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException(what + " failed (exit " + p.exitValue() + "):\n" + String.join("\n", lines));
        }
        return lines;
    }

}
