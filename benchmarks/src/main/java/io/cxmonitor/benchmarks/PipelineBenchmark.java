package io.cxmonitor.benchmarks;

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
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The signals job against its ceiling: both read the same pre-filled topics from a local broker;
 * the ceiling only parses, keys and counts per 10 s, the job computes every signal and writes
 * them to a local influxd. Each figure is events per second from start to the end of the input.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "Throughput of all signals, Kafka to InfluxDB, against a trivial job on the same events.")
final class PipelineBenchmark implements Callable<Integer> {

    @Option(names = "--events", defaultValue = "2000000", description = "Events to pre-fill (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(names = "--parallelism", defaultValue = "1", description = "Parallelism of both jobs (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(names = "--customers", defaultValue = "200000", description = "Customer base of the traffic (default: ${DEFAULT-VALUE}).")
    int customers;

    @Override
    public Integer call() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start(); InfluxServer influx = InfluxServer.launch()) {
            CxConfig config = CxConfig.load(Map.of(), Map.of(), Map.of(
                    CxOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers(),
                    CxOptions.INFLUXDB_URL.key(), influx.url(),
                    CxOptions.KAFKA_BOUNDED.key(), "true"));
            kafka.createTopics(2, KafkaTopics.all(config));
            prefill(kafka.bootstrapServers(), config);

            double ceiling = run("ceiling", () -> {
                StreamExecutionEnvironment env = env();
                env.fromSource(EventIngest.source(with(config, "ceiling"), "ceiling"), EventIngest.watermarks(config),
                                "Kafka")
                        .filter(ParsedRecord::hasEvent)
                        .map(r -> r.event.stream.ordinal() << 8 | r.event.type.ordinal()).returns(Types.INT)
                        .keyBy(code -> code, Types.INT)
                        .window(TumblingEventTimeWindows.of(Duration.ofSeconds(10)))
                        .aggregate(Accumulate.count(), Types.LONG, Types.LONG)
                        .sinkTo(new DiscardingSink<>());
                env.execute("ceiling");
            });
            double full = run("all signals", () -> {
                StreamExecutionEnvironment env = env();
                SignalsJob.define(env, with(config, "signals"));
                env.execute(SignalsJob.NAME);
                // the points the signals published, into InfluxDB, as part of the same measurement
                StreamExecutionEnvironment influxEnv = env();
                InfluxJob.define(influxEnv, with(config, "influx"));
                influxEnv.execute(InfluxJob.NAME);
            });
            System.out.printf("%nCeiling (parse, keyBy, 10 s count, discard): %,.0f events/s%n", ceiling);
            System.out.printf("All signals, Kafka to InfluxDB:              %,.0f events/s%n", full);
            System.out.printf("Ratio: %.2f (target: at least 0.50)%n", full / ceiling);
        }
        return 0;
    }

    private StreamExecutionEnvironment env() throws java.io.IOException {
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
