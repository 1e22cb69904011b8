package io.cxmonitor.benchmarks;

import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.generator.Curve;
import io.cxmonitor.generator.GeneratorRun;
import io.cxmonitor.generator.KafkaPublisher;
import io.cxmonitor.generator.TrafficSettings;
import io.cxmonitor.generator.TrafficSimulator;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./cxmon bench thresholds}: what each alert threshold costs an outreach team, in alerts per
 * 1,000 active customers per day. A day of generated traffic (with its daily curve) goes through
 * the signals job once; the alerting job then reads the same bad experiences and activity once per
 * threshold, each into topics of its own.
 */
@Command(name = "thresholds", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "Customer alerts per 1,000 active customers per day at each alert threshold.")
final class ThresholdsBenchmark implements Callable<Integer> {

    private static final long MINUTE = 60_000;

    @Option(names = "--hours", defaultValue = "24", description = "Event time of generated traffic (default: ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--rate", defaultValue = "40", description = "Mean events per second, over a daily curve (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--customers", defaultValue = "20000", description = "Customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--thresholds", split = ",", defaultValue = "0.5,0.6,0.7,0.8",
            description = "Thresholds to compare (default: ${DEFAULT-VALUE}).")
    List<Double> thresholds;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("cxmon-thresholds");
        try (KafkaBroker kafka = KafkaBroker.start()) {
            CxConfig base = config(kafka, Map.of());
            kafka.createTopics(2, KafkaTopics.all(base));
            long start = (System.currentTimeMillis() - (hours + 2) * 3_600_000L) / MINUTE * MINUTE;
            TrafficSettings settings = new TrafficSettings().seed(5).rate(rate).customers(customers);
            settings.curve = Curve.DAILY;
            Path truthFile = work.resolve("truth.jsonl");
            GeneratorRun traffic = new GeneratorRun(new TrafficSimulator(settings, start),
                    new KafkaPublisher(kafka.bootstrapServers(), KafkaTopics.byStream(base)), new TruthWriter(truthFile),
                    false, start, Duration.ofHours(hours), 0);
            traffic.run();
            long active = TruthReader.read(truthFile).stream().filter(t -> t.type().equals("customer")).count();
            long firstBad = TruthReader.read(truthFile).stream().filter(t -> t.type().equals("bad_experience"))
                    .filter(t -> Boolean.TRUE.equals(t.get("first"))).count();
            System.out.printf("generated %,d events over %d h; %,d customers active, %,d with a bad experience%n",
                    traffic.total(), hours, active, firstBad);
            AlertQuality.run(work, SignalsJob.NAME, env -> SignalsJob.define(env, base), System.out::println);

            Map<Double, String> rows = new LinkedHashMap<>();
            for (double threshold : thresholds) {
                String suffix = String.format(Locale.ROOT, "-t%02d", Math.round(threshold * 100));
                CxConfig config = config(kafka, Map.of(
                        CxOptions.ALERT_THRESHOLD.key(), Double.toString(threshold),
                        CxOptions.KAFKA_GROUP_ID.key(), "bench" + suffix,
                        CxOptions.TOPIC_ALERTS.key(), "cx.alerts" + suffix,
                        CxOptions.TOPIC_INCIDENTS.key(), "cx.incidents" + suffix,
                        CxOptions.TOPIC_POINTS.key(), "cx.points" + suffix));
                kafka.createTopics(2, config.get(CxOptions.TOPIC_ALERTS), config.get(CxOptions.TOPIC_INCIDENTS),
                        config.get(CxOptions.TOPIC_POINTS));
                AlertQuality.run(work, AlertsJob.NAME + suffix, env -> AlertsJob.define(env, config), System.out::println);
                Map<String, Integer> byPriority = new HashMap<>();
                long firing = 0;
                long escalated = 0;
                for (Alert a : Topics.alerts(kafka.bootstrapServers(), config.get(CxOptions.TOPIC_ALERTS))) {
                    if (a.status.equals("firing")) {
                        firing++;
                        byPriority.merge(a.priority, 1, Integer::sum);
                    } else {
                        escalated++;
                    }
                }
                double perThousandPerDay = firing * 1000.0 / active * 24.0 / hours;
                rows.put(threshold, String.format(Locale.ROOT, "| %.1f | %,d | %,d | %.1f | %,d / %,d / %,d |",
                        threshold, firing, escalated, perThousandPerDay, byPriority.getOrDefault("P1", 0),
                        byPriority.getOrDefault("P2", 0), byPriority.getOrDefault("P3", 0)));
            }
            System.out.printf("%nCustomer alerts over %d h of generated traffic (%,d active customers, %,.0f events/s on a daily curve):%n%n",
                    hours, active, rate);
            System.out.println("| threshold | alerts (firing) | escalations | per 1,000 active customers per day | P1 / P2 / P3 |");
            System.out.println("|---|---|---|---|---|");
            rows.values().forEach(System.out::println);
        }
        return 0;
    }

    private static CxConfig config(KafkaBroker kafka, Map<String, String> extra) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CxOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers());
        values.put(CxOptions.KAFKA_BOUNDED.key(), "true");
        values.putAll(extra);
        return CxConfig.load(Map.of(), Map.of(), values);
    }
}
