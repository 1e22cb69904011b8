package io.cxmonitor.benchmarks;

import io.cxmonitor.domain.stats.Samples;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.localstack.FlinkCluster;
import io.cxmonitor.localstack.KafkaBroker;
import io.cxmonitor.localstack.Paths;
import io.cxmonitor.localstack.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * cx-signals as a data engineer deploys it: the shaded job jar through Flink's CLI on a standalone
 * cluster of two TaskManagers (one slot each, each its own JVM, Flink's default memory unless told), over
 * pre-filled topics of two partitions, at parallelism 1 and then 2. Each run reads its input to the
 * end ({@code kafka.bounded}) in attached mode; the rate is the events over Flink's own "Job
 * Runtime", deployment included.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Throughput of cx-signals submitted with flink run to a standalone cluster of two TaskManagers, "
                + "at parallelism 1 and 2.")
final class ClusterBenchmark implements Callable<Integer> {

    private static final Pattern RUNTIME = Pattern.compile("Job Runtime: (\\d+) ms");

    @Option(names = "--events", defaultValue = "2000000", description = "Events to pre-fill (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--customers", defaultValue = "200000", description = "Customer base (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--taskmanager-memory", defaultValue = "1728m",
            description = "taskmanager.memory.process.size of each TaskManager (default: ${DEFAULT-VALUE}, Flink's own).")
    String taskManagerMemory;

    @Option(names = "--rounds", defaultValue = "1", description = "Rounds of parallelism 1 then 2 (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("cxmon-bench-cluster-");
        Map<String, String> settings = new LinkedHashMap<>(Map.of("taskmanager.numberOfTaskSlots", "1",
                "taskmanager.memory.process.size", taskManagerMemory,
                "execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString()));
        String options = System.getenv("CX_BENCH_JVM_OPTIONS"); // e.g. a flight recording of each TaskManager
        if (options != null && !options.isBlank()) {
            settings.put("env.java.opts.taskmanager", options.replace("{job}", "{name}"));
        }
        try (KafkaBroker kafka = KafkaBroker.start();
                FlinkCluster cluster = FlinkCluster.start(dir.resolve("flink"),
                        FlinkCluster.flinkClasspath(System.getProperty("java.class.path")), Ports.free(), 2, settings)) {
            CxConfig config = CxConfig.load(Map.of(), Map.of(), Map.of(
                    CxOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers(),
                    CxOptions.KAFKA_BOUNDED.key(), "true"));
            kafka.createTopics(2, KafkaTopics.all(config));
            PipelineBenchmark.prefill(kafka.bootstrapServers(), config, events, customers);
            Path target = Path.of(System.getProperty("cxmon.root", ".")).resolve("flink-jobs").resolve("target");
            Path jar = Paths.jobJar(target).orElseThrow(() -> new IllegalStateException("no job jar in " + target
                    + ": build it with mvn -B -DskipTests package"));
            Samples one = new Samples();
            Samples two = new Samples();
            for (int round = 1; round <= rounds; round++) {
                one.add(run(cluster, dir, config, jar, 1));
                two.add(run(cluster, dir, config, jar, 2));
            }
            System.out.printf("%nMedians over %d round(s) of %,d events, cx-signals through flink run on 2 TaskManagers of "
                    + taskManagerMemory + ":%n"
                    + "  parallelism 1: %,9.0f events/s%n  parallelism 2: %,9.0f events/s (%.2f times parallelism 1)%n",
                    rounds, events, one.percentile(0.5), two.percentile(0.5), two.percentile(0.5) / one.percentile(0.5));
        } finally {
            Paths.deleteRecursively(dir);
        }
        return 0;
    }

    private double run(FlinkCluster cluster, Path dir, CxConfig config, Path jar, int parallelism) throws Exception {
        Map<String, String> values = new LinkedHashMap<>(config.toMap());
        values.put(CxOptions.KAFKA_GROUP_ID.key(), "bench-cluster-" + System.nanoTime());
        Path file = Files.createTempFile(dir, "cxmon-", ".properties");
        CxConfig.writeProperties(values, file);
        FlinkCluster.Result result = cluster.flink("run", "-p", Integer.toString(parallelism), "-c",
                SignalsJob.class.getName(), jar.toString(), "--config", file.toString());
        Matcher runtime = RUNTIME.matcher(result.output());
        if (result.exitCode() != 0 || !runtime.find()) {
            throw new IllegalStateException("cx-signals at parallelism " + parallelism + " did not finish:\n"
                    + result.output());
        }
        double seconds = Long.parseLong(runtime.group(1)) / 1000.0;
        System.out.printf("cx-signals, parallelism %d: %,d events in %.1f s = %,.0f events/s%n", parallelism, events,
                seconds, events / seconds);
        return events / seconds;
    }

}
