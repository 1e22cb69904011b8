package io.cxmonitor.benchmarks;

import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.incidents.IncidentJson;
import io.cxmonitor.generator.Curve;
import io.cxmonitor.generator.GeneratorRun;
import io.cxmonitor.generator.KafkaPublisher;
import io.cxmonitor.generator.TrafficSettings;
import io.cxmonitor.generator.TrafficSimulator;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.anomalies.AnomalySignals;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.config.SignalRules;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.jobs.journeys.JourneySignals;
import io.cxmonitor.localstack.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The anomaly drill (SPEC 7): generated traffic on the weekly curve, through cx-signals. First
 * {@code learn} hours for the baselines to warm up, then {@code quiet} hours without any incident,
 * then each of the generator's incidents in turn, each followed by time to recover.
 *
 * <p>Measured from the anomalies cx-signals publishes on {@code cx.incidents}: for each incident,
 * the first anomaly of a series it should move, and how long after the incident began it was
 * known (event time: the end of the minute that made it, and for a series of sessions the time
 * they take to close); anomalies in the quiet hours (false ones); and the other anomalies, dated
 * by the minute that made them.
 */
final class AnomalyDrill {

    private static final long MINUTE = 60_000;

    /** What to simulate. */
    record Plan(int customers, double rate, Duration learn, Duration quiet, Duration incident, Duration recovery,
            long seed) {}

    /** The series an incident of the generator should move, by the signal in their dedup key. */
    static final Map<io.cxmonitor.generator.Incident, Set<String>> EXPECTED = Map.of(
            io.cxmonitor.generator.Incident.CHECKOUT_OUTAGE, Set.of("bad_experiences.count", "journeys.abandonment_rate",
                    "journeys.conversion_rate", "funnel.step_conversion", "friction.errors"),
            io.cxmonitor.generator.Incident.SLOW_RELEASE, Set.of("web_vitals.p75"),
            io.cxmonitor.generator.Incident.CRASH_SPIKE, Set.of("app.crash_rate", "friction.crashes",
                    "bad_experiences.count"),
            io.cxmonitor.generator.Incident.DELIVERY_DELAYS, Set.of("topics.negative_share", "bad_experiences.count",
                    "support.csat"));

    /**
     * One incident of the generator, and the first anomaly of a series it should move, if any.
     *
     * @param knownAt when event time let cx-signals judge that anomaly: the end of the minute that
     *     made it, or for a series of sessions, the time its sessions take to close after that
     */
    record Detection(io.cxmonitor.generator.Incident incident, long start, long end, Incident first, long knownAt,
            List<Incident> firings) {

        /** Minutes from the incident's start to when its first anomaly was known, or -1. */
        double minutes() {
            return first == null ? -1 : (knownAt - start) / (double) MINUTE;
        }
    }

    /** The figures of one drill. */
    record Result(long start, long quietStart, long quietEnd, List<Detection> detections, List<Incident> quiet,
            List<Incident> warmUp, long events) {}

    private AnomalyDrill() {}

    static Result run(KafkaBroker kafka, Plan plan, Consumer<String> log) throws Exception {
        Path work = Files.createTempDirectory("cxmon-anomaly-drill");
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CxOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers());
        values.put(CxOptions.KAFKA_BOUNDED.key(), "true");
        CxConfig config = CxConfig.load(Map.of(), Map.of(), values);
        kafka.createTopics(2, KafkaTopics.all(config));

        List<io.cxmonitor.generator.Incident> incidents = List.of(io.cxmonitor.generator.Incident.values());
        Duration cycle = plan.incident().plus(plan.recovery());
        Duration span = plan.learn().plus(plan.quiet()).plus(cycle.multipliedBy(incidents.size()));
        long start = (System.currentTimeMillis() - span.toMillis() - 10 * MINUTE) / MINUTE * MINUTE;
        long quietStart = start + plan.learn().toMillis();
        long quietEnd = quietStart + plan.quiet().toMillis();
        TrafficSettings settings = new TrafficSettings().seed(plan.seed()).rate(plan.rate()).customers(plan.customers());
        settings.curve = Curve.WEEKLY;
        List<long[]> windows = new ArrayList<>();
        for (int i = 0; i < incidents.size(); i++) {
            long from = quietEnd + i * cycle.toMillis();
            settings.incidents.schedule(incidents.get(i), from, plan.incident());
            windows.add(new long[] {from, from + plan.incident().toMillis()});
        }
        GeneratorRun traffic = new GeneratorRun(new TrafficSimulator(settings, start),
                new KafkaPublisher(kafka.bootstrapServers(), KafkaTopics.byStream(config)), null, false, start, span, 0);
        traffic.run();
        log.accept(String.format("generated %,d events over %s of event time on the weekly curve", traffic.total(), span));

        AlertQuality.run(work, SignalsJob.NAME, env -> SignalsJob.define(env, config), log);
        List<Incident> anomalies = new ArrayList<>();
        Topics.readAll(kafka.bootstrapServers(), config.get(CxOptions.TOPIC_INCIDENTS), r -> {
            try {
                Incident i = IncidentJson.read(r.value());
                if (i.group.isAnomaly() && i.status.equals("firing")) {
                    anomalies.add(i);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        anomalies.sort(Comparator.comparingLong(i -> i.changedAt));

        long sessionsClose = JourneySignals.emittedWithin(SignalRules.sessions(config)).toMillis();
        List<Detection> detections = new ArrayList<>();
        for (int i = 0; i < incidents.size(); i++) {
            long from = windows.get(i)[0];
            long to = windows.get(i)[1];
            long until = from + cycle.toMillis();
            List<Incident> during = anomalies.stream().filter(a -> a.changedAt >= from && a.changedAt < until).toList();
            Set<String> expected = EXPECTED.get(incidents.get(i));
            Incident first = during.stream().filter(a -> a.changedAt < to + plan.recovery().toMillis() / 2
                    && expected.contains(AnomalySignals.signalOf(a)))
                    .min(Comparator.comparingLong(a -> knownAt(a, sessionsClose))).orElse(null);
            detections.add(new Detection(incidents.get(i), from, to, first,
                    first == null ? -1 : knownAt(first, sessionsClose), during));
        }
        List<Incident> quiet = anomalies.stream().filter(a -> a.changedAt >= quietStart && a.changedAt < quietEnd).toList();
        List<Incident> warmUp = anomalies.stream().filter(a -> a.changedAt < quietStart).toList();
        return new Result(start, quietStart, quietEnd, detections, quiet, warmUp, traffic.total());
    }

    private static long knownAt(Incident anomaly, long sessionsClose) {
        String signal = AnomalySignals.signalOf(anomaly);
        boolean bySession = AnomalySignals.WATCHED.stream()
                .anyMatch(w -> w.signal().equals(signal) && w.bySession());
        return anomaly.changedAt + (bySession ? sessionsClose : 0);
    }
}
