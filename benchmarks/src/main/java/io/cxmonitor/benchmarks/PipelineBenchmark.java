package io.cxmonitor.benchmarks;

import io.cxmonitor.domain.stats.Samples;
import io.cxmonitor.events.Stream;
import io.cxmonitor.generator.GeneratorRun;
import io.cxmonitor.generator.KafkaPublisher;
import io.cxmonitor.generator.TrafficSettings;
import io.cxmonitor.generator.TrafficSimulator;
import io.cxmonitor.jobs.InfluxJob;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.jobs.common.windows.Accumulate;
import io.cxmonitor.jobs.ingest.EventIngest;
import io.cxmonitor.jobs.ingest.ParsedRecord;
import io.cxmonitor.localstack.InfluxServer;
import io.cxmonitor.localstack.KafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The signals job against its ceiling, and against the plain Flink SQL peer of the same signals
 * ({@code --peer}): all read the same pre-filled topics from a local broker. The ceiling only
 * parses, keys and counts per 10 s; cx-signals computes every signal and publishes its points and
 * experiences to Kafka, and cx-influx then writes the points to a local influxd. Each figure is
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
            + "the ceiling and cx-signals alternately, --rounds times.")
    boolean peer;

    @Option(names = "--peer-dir", description = "The peer (default: ../shared/bench/peer-sql beside the repository, "
            + "or $CX_PEER_SQL).")
    Path peerDir;

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
                prefill(kafka.bootstrapServers(), config);
            }
            Samples peerRates = new Samples();
            Samples ceilings = new Samples();
            Samples signals = new Samples();
            Samples withInflux = new Samples();
            for (int round = 1; round <= (peer ? rounds : 1); round++) {
                if (peer) {
                    peerRates.add(runPeer(peerHome, kafka.bootstrapServers()));
                }
                ceilings.add(run("ceiling", () -> ceiling(config)));
                double[] full = signals(config);
                signals.add(full[0]);
                withInflux.add(full[1]);
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
            System.out.printf("  cx-signals (every signal, to Kafka):             %,9.0f events/s%n", cxSignals);
            System.out.printf("  cx-signals, then cx-influx into InfluxDB:        %,9.0f events/s%n",
                    withInflux.percentile(0.5));
            if (peer) {
                System.out.printf("cx-signals / peer: %.2f (target: at least 3)%n", cxSignals / peerRates.percentile(0.5));
            }
            System.out.printf("cx-signals / ceiling: %.2f (target: at least 0.8)%n", cxSignals / ceiling);
        }
        return 0;
    }

    private void ceiling(CxConfig config) throws Exception {
        StreamExecutionEnvironment env = env();
        env.fromSource(EventIngest.source(with(config, "ceiling"), "ceiling"), EventIngest.watermarks(config), "Kafka")
                .filter(ParsedRecord::hasEvent)
                .map(r -> r.event.stream.ordinal() << 8 | r.event.type.ordinal()).returns(Types.INT)
                .keyBy(code -> code, Types.INT)
                .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
                .aggregate(Accumulate.count(), Types.LONG, Types.LONG)
                .sinkTo(new DiscardingSink<>());
        env.execute("ceiling");
    }

    /** Events per second of cx-signals alone, and of cx-signals followed by cx-influx. */
    private double[] signals(CxConfig config) throws Exception {
        long began = System.nanoTime();
        double alone = run(SignalsJob.NAME, () -> {
            StreamExecutionEnvironment env = env();
            SignalsJob.define(env, with(config, "signals"));
            env.execute(SignalsJob.NAME);
        });
        run(InfluxJob.NAME + " (the points of that run)", () -> {
            StreamExecutionEnvironment env = env();
            InfluxJob.define(env, with(config, "influx"));
            env.execute(InfluxJob.NAME);
        });
        return new double[] {alone, events / ((System.nanoTime() - began) / 1e9)};
    }

    private StreamExecutionEnvironment env() throws IOException {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                Files.createTempDirectory("cxmon-bench-checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        return env;
    }

    private static CxConfig with(CxConfig config, String group) {
        Map<String, String> values = new LinkedHashMap<>(config.toMap());
        values.put(CxOptions.KAFKA_GROUP_ID.key(), "bench-" + group + "-" + System.nanoTime());
        return CxConfig.load(Map.of(), Map.of(), values);
    }

    private void prefill(String bootstrap, CxConfig config) {
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

    /** Runs one of the peer's scripts, its output echoed to stderr and returned. */
    private static List<String> exec(Path home, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve(script).toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException(script + " failed (exit " + p.exitValue() + "):\n" + String.join("\n", lines));
        }
        return lines;
    }

    private interface Job {
        void run() throws Exception;
    }

    private double run(String name, Job job) throws Exception {
        long began = System.nanoTime();
        job.run();
        double seconds = (System.nanoTime() - began) / 1e9;
        double rate = events / seconds;
        System.out.printf("%s: %,d events in %.1f s = %,.0f events/s%n", name, events, seconds, rate);
        return rate;
    }
}
