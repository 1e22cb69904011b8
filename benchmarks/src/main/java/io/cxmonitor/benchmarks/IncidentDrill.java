package io.cxmonitor.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cxmonitor.cli.LocalFlink;
import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.incidents.IncidentJson;
import io.cxmonitor.generator.GeneratorRun;
import io.cxmonitor.generator.KafkaPublisher;
import io.cxmonitor.generator.TrafficSettings;
import io.cxmonitor.generator.TrafficSimulator;
import io.cxmonitor.generator.TruthEntry;
import io.cxmonitor.generator.TruthReader;
import io.cxmonitor.generator.TruthWriter;
import io.cxmonitor.jobs.AlertsJob;
import io.cxmonitor.jobs.NotifyJob;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.localstack.KafkaBroker;
import io.cxmonitor.localstack.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The generator's {@code checkout_outage} drill, through the signals, alerting and notification
 * jobs, with an on-call route (PagerDuty Events v2, receiving incidents), an operations route
 * (the same, receiving anomalies) and an outreach route (a webhook into a CRM, receiving customer
 * alerts within a budget a minute, the rest in digests), all local HTTP receivers.
 *
 * <p>The traffic is {@code quiet} hours without any incident, then the outage, then time for it to
 * resolve. Measured: the on-call messages of the outage; when its incident fired and resolved, in
 * event time, against the outage's start and end; the share of the customers whose first bad
 * experience fell in the outage that reached the outreach route, and how often; incidents during
 * the quiet hours (false ones).
 */
final class IncidentDrill {

    private static final long MINUTE = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What to simulate. */
    record Plan(int customers, double rate, Duration quiet, Duration outage, Duration after, int budgetPerMinute,
            long seed) {}

    /** One request a receiver took. */
    private record Request(String path, JsonNode body) {}

    /** The figures of one drill. */
    record Result(long outageStart, long outageEnd, List<Incident> outageIncidents, List<Incident> falseIncidents,
            List<String> onCallMessages, int affected, int reached, int reachedTwice, List<String> missed,
            int digests, int oneByOne, long events, int anomaliesToOperations) {

        /** Minutes from the outage's start to the firing of its first incident, or -1. */
        double detectionMinutes() {
            return outageIncidents.stream().filter(i -> i.status.equals("firing")).mapToLong(i -> i.changedAt)
                    .min().stream().mapToDouble(t -> (t - outageStart) / (double) MINUTE).findFirst().orElse(-1);
        }

        /** Minutes from the outage's end to the resolution of its last incident, or -1. */
        double resolutionMinutes() {
            return outageIncidents.stream().filter(i -> i.status.equals("resolved")).mapToLong(i -> i.changedAt)
                    .max().stream().mapToDouble(t -> (t - outageEnd) / (double) MINUTE).findFirst().orElse(-1);
        }

        double outreachRecall() {
            return reached / (double) Math.max(1, affected);
        }
    }

    private IncidentDrill() {}

    static Result run(KafkaBroker kafka, Plan plan, Consumer<String> log) throws Exception {
        Path work = Files.createTempDirectory("cxmon-incident-drill");
        List<Request> requests = new CopyOnWriteArrayList<>();
        HttpServer receiver = receiver(requests);
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        Path routes = Files.writeString(work.resolve("routes.properties"), ""
                + "route.oncall.type = pagerduty\nroute.oncall.receives = incidents\n"
                + "route.oncall.url = " + base + "/oncall\nroute.oncall.routing-key-env = DRILL_KEY\n"
                + "route.ops.type = pagerduty\nroute.ops.receives = anomalies\n"
                + "route.ops.url = " + base + "/ops\nroute.ops.routing-key-env = DRILL_KEY\n"
                + "route.crm.type = webhook\nroute.crm.receives = customers\nroute.crm.url = " + base + "/crm\n"
                + "route.crm.secret-env = DRILL_KEY\nroute.crm.max-per-minute = " + plan.budgetPerMinute() + "\n");
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CxOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers());
        values.put(CxOptions.KAFKA_BOUNDED.key(), "true");
        values.put(CxOptions.NOTIFY_ROUTES.key(), routes.toString());
        CxConfig bounded = CxConfig.load(Map.of(), Map.of(), values);
        values.put(CxOptions.KAFKA_BOUNDED.key(), "false");
        values.put(CxOptions.KAFKA_STARTING_OFFSETS.key(), "EARLIEST"); // the topics are new: every notification
        CxConfig live = CxConfig.load(Map.of(), Map.of(), values);
        kafka.createTopics(2, KafkaTopics.all(bounded));

        long start = (System.currentTimeMillis() - 6 * 3_600_000L) / MINUTE * MINUTE;
        long outageStart = start + plan.quiet().toMillis();
        long outageEnd = outageStart + plan.outage().toMillis();
        Duration span = plan.quiet().plus(plan.outage()).plus(plan.after());
        TrafficSettings settings = new TrafficSettings().seed(plan.seed()).rate(plan.rate()).customers(plan.customers());
        settings.incidents.schedule(io.cxmonitor.generator.Incident.CHECKOUT_OUTAGE, outageStart, plan.outage());
        Path truthFile = work.resolve("truth.jsonl");
        GeneratorRun traffic = new GeneratorRun(new TrafficSimulator(settings, start),
                new KafkaPublisher(kafka.bootstrapServers(), KafkaTopics.byStream(bounded)), new TruthWriter(truthFile),
                false, start, span, 0);
        traffic.run();
        log.accept(String.format("generated %,d events over %s of event time, the outage from %s to %s in",
                traffic.total(), span, plan.quiet(), plan.quiet().plus(plan.outage())));

        List<Incident> incidents = new ArrayList<>();
        List<Incident> anomalies = new ArrayList<>();
        try (LocalFlink flink = LocalFlink.start(Ports.free(), 8, 1, work.resolve("checkpoints"))) {
            flink.submit(NotifyJob.NAME, env -> NotifyJob.define(env, live, NotifyJob.routes(live, Map.of("DRILL_KEY", "drill"))));
            AlertQuality.run(work, SignalsJob.NAME, env -> SignalsJob.define(env, bounded), log);
            AlertQuality.run(work, AlertsJob.NAME, env -> AlertsJob.define(env, bounded), log);
            List<Incident> published = new ArrayList<>();
            Topics.readAll(kafka.bootstrapServers(), bounded.get(CxOptions.TOPIC_INCIDENTS), r -> {
                try {
                    published.add(IncidentJson.read(r.value()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            // on-call receives the incidents of bad experiences, operations the anomalies
            for (Incident i : published) {
                (i.group.isAnomaly() ? anomalies : incidents).add(i);
            }
            int alerts = Topics.alerts(kafka.bootstrapServers(), bounded.get(CxOptions.TOPIC_ALERTS)).size();
            // the digests of a minute go at its end: wait until everything published was delivered
            long deadline = System.currentTimeMillis() + Duration.ofMinutes(5).toMillis();
            while (System.currentTimeMillis() < deadline
                    && (delivered(requests, "/oncall") < incidents.size() || delivered(requests, "/ops") < anomalies.size()
                            || delivered(requests, "/crm") < alerts)) {
                Thread.sleep(500);
            }
            Thread.sleep(3_000); // and whatever would come twice
        } finally {
            receiver.stop(0);
        }
        // an incident belongs to the outage when it fired during it; its changes share the dedup key and first_seen
        Set<String> ofOutage = new HashSet<>();
        for (Incident i : incidents) {
            if (i.status.equals("firing") && i.changedAt >= outageStart && i.changedAt < outageEnd) {
                ofOutage.add(i.dedupKey + "|" + i.firstSeen);
            }
        }
        List<Incident> outage = incidents.stream().filter(i -> ofOutage.contains(i.dedupKey + "|" + i.firstSeen)).toList();
        List<Incident> falseOnes = incidents.stream()
                .filter(i -> i.status.equals("firing") && !ofOutage.contains(i.dedupKey + "|" + i.firstSeen)).toList();

        List<String> onCall = new ArrayList<>();
        Map<String, Integer> reachedTimes = new HashMap<>();
        int digests = 0;
        int oneByOne = 0;
        for (Request r : requests) {
            if (r.path().equals("/oncall")) {
                onCall.add(r.body().path("event_action").asText() + " " + r.body().path("dedup_key").asText()
                        + " " + r.body().path("payload").path("summary").asText(""));
            } else if (r.body().has("digest_id")) {
                digests++;
                for (JsonNode a : r.body().get("alerts")) {
                    count(a, reachedTimes);
                }
            } else {
                oneByOne++;
                count(r.body(), reachedTimes);
            }
        }

        Map<String, String> affected = new HashMap<>();
        for (TruthEntry t : TruthReader.read(truthFile)) {
            long ts = t.type().equals("bad_experience") ? ((Number) t.get("ts")).longValue() : -1;
            if (Boolean.TRUE.equals(t.get("first")) && ts >= outageStart && ts < outageEnd) {
                affected.put((String) t.get("customer_id"), t.get("kind") + " at +"
                        + (ts - outageStart) / 1000 + " s");
            }
        }
        int reached = (int) affected.keySet().stream().filter(reachedTimes::containsKey).count();
        int twice = (int) affected.keySet().stream().filter(c -> reachedTimes.getOrDefault(c, 0) > 1).count();
        List<String> missed = affected.keySet().stream().filter(c -> !reachedTimes.containsKey(c)).sorted().limit(5)
                .map(c -> c + " (" + affected.get(c) + ")").toList();
        return new Result(outageStart, outageEnd, outage, falseOnes, onCall, affected.size(), reached, twice, missed,
                digests, oneByOne, traffic.total(), delivered(requests, "/ops"));
    }

    /** A firing alert reached the route: counted per customer, so that a second delivery shows. */
    private static void count(JsonNode alert, Map<String, Integer> reached) {
        if (alert.path("status").asText().equals("firing")) {
            reached.merge(alert.path("customer_id").asText(), 1, Integer::sum);
        }
    }

    private static HttpServer receiver(List<Request> requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            requests.add(new Request(exchange.getRequestURI().getPath(), JSON.readTree(body)));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** Notifications a receiver took: one each, the alerts of digests one by one. */
    private static int delivered(List<Request> requests, String path) {
        int n = 0;
        for (Request r : requests) {
            if (r.path().equals(path)) {
                n += r.body().has("digest_id") ? r.body().get("alerts").size() : 1;
            }
        }
        return n;
    }
}
