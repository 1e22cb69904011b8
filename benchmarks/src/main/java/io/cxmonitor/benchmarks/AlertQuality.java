package io.cxmonitor.benchmarks;

import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.generator.GeneratorRun;
import io.cxmonitor.generator.KafkaPublisher;
import io.cxmonitor.generator.TrafficSettings;
import io.cxmonitor.generator.TrafficSimulator;
import io.cxmonitor.generator.TruthEntry;
import io.cxmonitor.generator.TruthReader;
import io.cxmonitor.generator.TruthWriter;
import io.cxmonitor.jobs.AlertsJob;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.localstack.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How well the alerts match the truth: generated traffic with ground truth goes through the signals
 * job and the alerting job over the backlog, and the customers paged are compared with those whose
 * first bad experience the generator injected. Recall counts the customers whose first bad
 * experience came before the last hour (sessions still open at the end are never judged);
 * precision, every customer paged against all who had a bad experience at all.
 */
final class AlertQuality {

    private static final long MINUTE = 60_000;

    /** The figures of one run. */
    record Result(int truth, int paged, long found, long correct, long sameFirst, List<String> missed,
            List<String> falsePages) {
        double recall() {
            return found / (double) Math.max(1, truth);
        }

        double precision() {
            return correct / (double) Math.max(1, paged);
        }

        double sameFirstShare() {
            return sameFirst / (double) Math.max(1, found);
        }
    }

    private AlertQuality() {}

    static Result measure(KafkaBroker kafka, int hours, double rate, int customers, Consumer<String> log)
            throws Exception {
        Path work = Files.createTempDirectory("cxmon-alert-quality");
        CxConfig config = CxConfig.load(Map.of(), Map.of(), Map.of(
                CxOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers(),
                CxOptions.KAFKA_BOUNDED.key(), "true"));
        kafka.createTopics(2, KafkaTopics.all(config));
        long start = (System.currentTimeMillis() - (hours + 2) * 3_600_000L) / MINUTE * MINUTE;
        long end = start + hours * 3_600_000L;
        Path truthFile = work.resolve("truth.jsonl");
        TrafficSettings settings = new TrafficSettings().seed(7).rate(rate).customers(customers);
        new GeneratorRun(new TrafficSimulator(settings, start), new KafkaPublisher(kafka.bootstrapServers(),
                KafkaTopics.byStream(config)), new TruthWriter(truthFile), false, start, Duration.ofHours(hours), 0).run();

        run(work, SignalsJob.NAME, env -> SignalsJob.define(env, config), log);
        run(work, AlertsJob.NAME, env -> AlertsJob.define(env, config), log);

        long cutoff = end - 3_600_000L;
        Map<String, String> truth = new HashMap<>();
        Map<String, String> anyBad = new HashMap<>();
        for (TruthEntry t : TruthReader.read(truthFile)) {
            if (t.type().equals("bad_experience") && Boolean.TRUE.equals(t.get("first"))) {
                String customer = (String) t.get("customer_id");
                anyBad.put(customer, (String) t.get("kind"));
                if (((Number) t.get("ts")).longValue() < cutoff) {
                    truth.put(customer, (String) t.get("kind"));
                }
            }
        }
        Map<String, Alert> paged = new HashMap<>();
        for (Alert a : Topics.alerts(kafka.bootstrapServers(), config.get(CxOptions.TOPIC_ALERTS))) {
            if (a.status.equals("firing")) {
                paged.putIfAbsent(a.customerId, a);
            }
        }
        long correct = paged.keySet().stream().filter(anyBad::containsKey).count();
        long found = truth.keySet().stream().filter(paged::containsKey).count();
        long sameFirst = truth.keySet().stream().filter(paged::containsKey)
                .filter(c -> paged.get(c).firstKind.equals(truth.get(c))).count();
        return new Result(truth.size(), paged.size(), found, correct, sameFirst,
                truth.keySet().stream().filter(c -> !paged.containsKey(c)).limit(5).toList(),
                paged.keySet().stream().filter(c -> !anyBad.containsKey(c)).limit(5).toList());
    }

    interface Definition {
        void define(StreamExecutionEnvironment env);
    }

    /** Runs a bounded job to its end on a local cluster of its own, with checkpoints in {@code work}. */
    static void run(Path work, String name, Definition definition, Consumer<String> log) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.resolve(name).toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        definition.define(env);
        long began = System.nanoTime();
        env.execute(name);
        log.accept(String.format("%s processed the backlog in %.1f s", name, (System.nanoTime() - began) / 1e9));
    }
}
