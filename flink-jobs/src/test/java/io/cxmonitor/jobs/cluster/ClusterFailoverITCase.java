package io.cxmonitor.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.events.EventWriter;
import io.cxmonitor.events.Stream;
import io.cxmonitor.events.Timestamps;
import io.cxmonitor.generator.EventPublisher;
import io.cxmonitor.generator.Generated;
import io.cxmonitor.generator.GeneratorRun;
import io.cxmonitor.generator.KafkaPublisher;
import io.cxmonitor.generator.TrafficSettings;
import io.cxmonitor.generator.TrafficSimulator;
import io.cxmonitor.jobs.AlertsJob;
import io.cxmonitor.jobs.InfluxJob;
import io.cxmonitor.jobs.NotifyJob;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.TestPipelines;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.FlinkCluster;
import io.cxmonitor.localstack.InfluxQueries;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestKafka;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four jobs as a data engineer deploys them: the shaded jar submitted with Flink's own CLI to a
 * standalone cluster of one JobManager and two TaskManagers (two slots each), the secret from the
 * CLI's environment, over 40 minutes of generated traffic sent in event-time order. A failure-free run
 * is the reference. Then:
 * <ul>
 *   <li>a TaskManager killed with SIGKILL in the middle of the stream, and a new one started: the
 *       jobs recover from their last checkpoint;
 *   <li>cx-signals and cx-alerts stopped with a savepoint in the middle of the stream and started
 *       again from it, from another copy of the jar and with other checkpoint settings.
 * </ul>
 * Either way InfluxDB holds the reference's points, one for one; {@code cx.alerts} holds every
 * alert of the reference under the same {@code alert_id}, for the same episode and change, and no
 * other; a repeat is the same alert; and every one of them reached the webhook.
 */
@ExtendWith(LocalStackExtension.class)
class ClusterFailoverITCase {

    private static final long MINUTE = 60_000;
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final String SECRET_ENV = "CX_PRIVACY_PSEUDONYM_SECRET";
    private static final String WEBHOOK_SECRET_ENV = "CX_WEBHOOK_SECRET";
    /** In the order they are submitted: cx-notify starts from the latest alerts, so it comes first. */
    private static final List<Class<?>> JOBS = List.of(NotifyJob.class, InfluxJob.class, SignalsJob.class, AlertsJob.class);
    /**
     * What an alert says about its customer's value, and so its risk and severity, and the value in
     * the summary: read back after a restore, an experience can come before the purchase events
     * of the same minutes, and is then valued without them (see the README's "Known limits").
     */
    private static final Set<String> VALUED = Set.of("risk_score", "severity", "summary");

    @TempDir
    static Path dir;
    private static FlinkCluster cluster;
    private static HttpServer webhooks;
    private static final Map<String, List<String>> delivered = new ConcurrentHashMap<>();
    private static long t0;
    private static List<Record> input;
    private static Outcome reference;

    /** One record of the generated traffic, as it goes to Kafka. */
    private record Record(Stream stream, String key, long ts, byte[] value) {}

    /** What a run left: InfluxDB's points by measurement, the alerts by id, the ids the webhook got. */
    private record Outcome(Map<String, Set<String>> points, Map<String, Set<String>> alerts, Set<String> notified) {}

    @BeforeAll
    static void startTheClusterAndRunTheReference() throws Exception {
        t0 = (System.currentTimeMillis() - 3 * 3_600_000) / MINUTE * MINUTE;
        input = generate(t0);
        webhooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhooks.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            delivered.computeIfAbsent(exchange.getRequestURI().getPath(), k -> new CopyOnWriteArrayList<>())
                    .add(exchange.getRequestHeaders().getFirst("X-CX-Alert-Id"));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        webhooks.start();
        cluster = TestClusters.start(dir.resolve("cluster"), 2, Map.of(
                "taskmanager.numberOfTaskSlots", "2",
                "execution.checkpointing.dir", dir.resolve("checkpoints").toUri().toString(),
                "execution.checkpointing.savepoint-dir", dir.resolve("savepoints").toUri().toString(),
                // a lost TaskManager is noticed within seconds, not the default 50
                "heartbeat.interval", "1000",
                "heartbeat.timeout", "6000"));
        reference = run("reference", 0, (config, jobs) -> { });
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (webhooks != null) {
            webhooks.stop(0);
        }
    }

    @Test
    void aTaskManagerKilledMidStreamChangesNoPointAndLosesNoAlert() throws Exception {
        // at the start of the second half: see the README on a kill while a backlog builds up
        Outcome failover = run("failover", 0, (config, jobs) -> {
            ProcessHandle victim = cluster.alive().entrySet().stream().filter(e -> e.getKey().startsWith("taskmanager"))
                    .findFirst().orElseThrow().getValue();
            victim.destroyForcibly(); // SIGKILL: no goodbye to the JobManager
            victim.onExit().get();
            cluster.startTaskManager();
            Eventually.within(Duration.ofSeconds(120), () -> {
                assertThat(cluster.rest("/overview")).contains("\"taskmanagers\":2,");
                assertThat(jobs.stream().filter(id -> restarted(id)).count()).as("jobs that lost their TaskManager")
                        .isPositive();
                assertRunning(jobs);
            });
        });
        assertSameAsTheReference(failover);
    }

    @Test
    void anUpgradeFromASavepointChangesNoPointAndLosesNoAlert() throws Exception {
        Path newJar = Files.copy(TestClusters.jobJar(), dir.resolve("cxmon-job-next.jar"));
        Outcome upgrade = run("upgrade", 2, (config, jobs) -> {
            for (int i = 2; i < 4; i++) { // cx-signals, then cx-alerts, as the README says
                String id = jobs.get(i);
                FlinkCluster.Result stopped = cluster.flink("stop", "--savepointPath",
                        dir.resolve("savepoints").toUri().toString(), id);
                assertThat(stopped.exitCode()).as(stopped.output()).isZero();
                Matcher path = Pattern.compile("Savepoint completed\\. Path: (\\S+)").matcher(stopped.output());
                assertThat(path.find()).as(stopped.output()).isTrue();
                jobs.set(i, submit(config, JOBS.get(i), newJar, "-s", path.group(1),
                        "--" + CxOptions.CHECKPOINT_INTERVAL.key(), "2 s"));
            }
            Eventually.within(Duration.ofSeconds(60), () -> assertRunning(jobs));
        });
        assertSameAsTheReference(upgrade);
    }

    private static void assertSameAsTheReference(Outcome run) {
        assertThat(reference.points().keySet()).as("measurements written")
                .contains("cx_events", "cx_friction", "cx_journeys", "cx_funnel", "cx_sentiment", "cx_support", "cx_alerts");
        assertThat(reference.alerts()).as("alerts of the reference").hasSizeGreaterThan(5);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(run.points().keySet()).as("measurements").isEqualTo(reference.points().keySet());
        reference.points().forEach((measurement, points) -> {
            Set<String> got = run.points().getOrDefault(measurement, Set.of());
            softly.assertThat(difference(points, got)).as("%s: points of the reference missing (of %d)", measurement,
                    points.size()).isEmpty();
            softly.assertThat(difference(got, points)).as("%s: points the reference does not have", measurement)
                    .isEmpty();
        });
        run.alerts().forEach((id, versions) -> softly.assertThat(versions)
                .as("every repeat of alert %s is the same alert", id).hasSize(1));
        softly.assertThat(difference(reference.alerts().keySet(), run.alerts().keySet())).as("alerts missing").isEmpty();
        softly.assertThat(difference(run.alerts().keySet(), reference.alerts().keySet())).as("alerts too many").isEmpty();
        softly.assertThat(run.alerts()).as("the alerts, by id").isEqualTo(reference.alerts());
        softly.assertThat(difference(reference.alerts().keySet(), reference.notified()))
                .as("alerts of the reference the webhook did not get").isEmpty();
        softly.assertThat(difference(reference.alerts().keySet(), run.notified())).as("alerts the webhook did not get")
                .isEmpty();
        softly.assertThat(difference(run.notified(), reference.alerts().keySet()))
                .as("notifications of no alert of the reference").isEmpty();
        softly.assertAll();
    }

    /** Up to ten elements of {@code a} that {@code b} lacks. */
    private static List<String> difference(Set<String> a, Set<String> b) {
        return a.stream().filter(x -> !b.contains(x)).limit(10).toList();
    }

    /** What a run does to the jobs in the middle of the stream, once the first half is checkpointed. */
    private interface MidStream {
        void act(CxConfig config, List<String> jobs) throws Exception;
    }

    /**
     * Fresh topics and database; the first half of the input; the four jobs submitted with Flink's
     * CLI; once the first half is processed and checkpointed, the second half paced over about ten
     * seconds, with {@code midStream} acting {@code actAfterSeconds} in (the sending waits for it);
     * then the clock moved on, and the jobs left to finish.
     */
    private static Outcome run(String name, int actAfterSeconds, MidStream midStream) throws Exception {
        long runStart = System.nanoTime();
        Path routes = dir.resolve(name + "-routes.properties");
        Files.writeString(routes, "route.hook.type = webhook\nroute.hook.url = http://127.0.0.1:"
                + webhooks.getAddress().getPort() + "/" + name + "\nroute.hook.secret-env = " + WEBHOOK_SECRET_ENV + "\n");
        // A backlog is read hundreds of times faster than it happened: with the default bound of 10 s,
        // a partition whose records come a moment after the others' has them counted late, which
        // is not what this test is about (see the README's "Event time"); 15 minutes tolerates that.
        // watermark.idleness stays at its default.
        CxConfig config = TestPipelines.freshConfig(Map.of(CxOptions.NOTIFY_ROUTES.key(), routes.toString(),
                CxOptions.WATERMARK_OUT_OF_ORDERNESS.key(), "15 min"));
        long split = t0 + 20 * MINUTE;
        try (KafkaPublisher kafka = new KafkaPublisher(config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS),
                KafkaTopics.byStream(config))) {
            input.stream().filter(r -> r.ts() < split).forEach(r -> kafka.send(r.stream(), r.key(), r.ts(), r.value()));
            kafka.flush();
            List<String> jobs = new ArrayList<>();
            for (Class<?> job : JOBS) {
                jobs.add(submit(config, job, TestClusters.jobJar()));
                Eventually.within(Duration.ofSeconds(60), () -> assertRunning(jobs));
            }
            Eventually.within(Duration.ofSeconds(120), () -> assertCaughtUp(config));
            log(name, "first half processed", runStart);

            List<Record> second = input.stream().filter(r -> r.ts() >= split).toList();
            long began = System.nanoTime();
            boolean acted = false;
            for (int i = 0; i < second.size(); i++) {
                Record r = second.get(i);
                kafka.send(r.stream(), r.key(), r.ts(), r.value());
                if (i % 500 == 499) {
                    kafka.flush();
                    Thread.sleep(Math.max(0, 10_000L * i / second.size() - (System.nanoTime() - began) / 1_000_000));
                }
                if (!acted && System.nanoTime() - began >= actAfterSeconds * 1_000_000_000L) {
                    midStream.act(config, jobs);
                    acted = true;
                    log(name, "acted mid-stream", runStart);
                }
            }
            kafka.flush();
            moveTheClockOn(config, t0 + 100 * MINUTE);
            try {
                List<Long> pointsSeen = new ArrayList<>(); // and notifications delivered
                Eventually.within(Duration.ofMinutes(3), () -> {
                    assertRunning(jobs);
                    assertCaughtUp(config);
                    pointsSeen.add(pointCount(config) * 1_000_000L + delivered.getOrDefault("/" + name, List.of()).size());
                    assertThat(pointsSeen).as("points written, every few seconds").hasSizeGreaterThan(1)
                            .endsWith(pointsSeen.get(pointsSeen.size() - 2));
                    Thread.sleep(5_000);
                });
                log(name, "caught up", runStart);
                return outcome(name, config);
            } finally {
                for (String id : jobs) {
                    cluster.flink("cancel", id);
                }
            }
        }
    }

    /** {@code flink run -d -c <job> <jar> --config <file> <args>}, the secret in the environment. */
    private static String submit(CxConfig config, Class<?> job, Path jar, String... more) throws Exception {
        Map<String, String> settings = new TreeMap<>(config.toMap());
        String secret = settings.remove(CxOptions.PRIVACY_PSEUDONYM_SECRET.key());
        Path file = Files.createTempFile(dir, "cxmon-", ".properties");
        CxConfig.writeProperties(settings, file);
        List<String> args = new ArrayList<>(List.of("run", "-d"));
        List<String> jobArgs = new ArrayList<>(List.of(more));
        if (jobArgs.size() >= 2 && jobArgs.get(0).equals("-s")) { // a savepoint is Flink's option, before the jar
            args.addAll(jobArgs.subList(0, 2));
            jobArgs = jobArgs.subList(2, jobArgs.size());
        }
        args.addAll(List.of("-c", job.getName(), jar.toString(), "--config", file.toString()));
        args.addAll(jobArgs);
        FlinkCluster.Result submitted = cluster.flink(Map.of(SECRET_ENV, secret, WEBHOOK_SECRET_ENV, "a webhook secret"), args.toArray(String[]::new));
        assertThat(submitted.exitCode()).as(submitted.output()).isZero();
        Matcher id = JOB_ID.matcher(submitted.output());
        assertThat(id.find()).as(submitted.output()).isTrue();
        return id.group(1);
    }

    /** Every consumer group of the run has committed (that is, checkpointed) the end of its topics. */
    private static void assertCaughtUp(CxConfig config) throws Exception {
        // closed: polled four times a second, each unclosed client held file descriptors in this
        // JVM, which hosts the broker; 2,500 of them by the end, and under a 1,024 limit it died
        try (Admin admin = LocalStackExtension.kafka().admin()) {
            String prefix = config.get(CxOptions.KAFKA_GROUP_ID) + "-";
            List<String> groups = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                    .filter(g -> g.startsWith(prefix)).toList();
            assertThat(groups).as("consumer groups of the run").hasSizeGreaterThanOrEqualTo(JOBS.size());
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
                admin.listOffsets(latest).all().get().forEach((partition, end) -> assertThat(
                        committed.get(partition).offset()).as("%s on %s", group, partition).isEqualTo(end.offset()));
            }
        }
    }

    /** Event time moves on, on every partition of the four topics: windows, sessions and tickets close. */
    private static void moveTheClockOn(CxConfig config, long clock) {
        Map<Stream, String> events = Map.of(
                Stream.CLICKSTREAM, "\"type\":\"page_view\",\"session_id\":\"clock\"",
                Stream.APP, "\"type\":\"screen_view\",\"session_id\":\"clock\"",
                Stream.REVIEWS, "\"type\":\"review\",\"customer_id\":\"clock\",\"review_id\":\"clock\",\"rating\":5",
                Stream.SUPPORT, "\"type\":\"csat\",\"customer_id\":\"clock\",\"ticket_id\":\"clock\",\"channel\":\"chat\","
                        + "\"score\":5");
        try (TestKafka kafka = new TestKafka(config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS))) {
            events.forEach((stream, fields) -> {
                for (int p = 0; p < TestPipelines.PARALLELISM; p++) {
                    kafka.sendTo(config.get(CxOptions.topicOf(stream)), p, clock, "{\"event_id\":\"clock-" + stream.id()
                            + p + "\",\"ts\":\"" + Timestamps.format(clock) + "\"," + fields + "}");
                }
            });
        }
    }

    private static long pointCount(CxConfig config) {
        try (InfluxQueries influx = new InfluxQueries(LocalStackExtension.influx().url(),
                config.get(CxOptions.INFLUXDB_DATABASE))) {
            long count = 0;
            for (Map<String, Object> m : influx.rows("SHOW MEASUREMENTS")) {
                count += influx.rows("SELECT * FROM \"" + m.get("name") + "\"").size();
            }
            return count;
        }
    }

    private static Outcome outcome(String name, CxConfig config) throws Exception {
        Map<String, Set<String>> points = new TreeMap<>();
        try (InfluxQueries influx = new InfluxQueries(LocalStackExtension.influx().url(),
                config.get(CxOptions.INFLUXDB_DATABASE))) {
            for (Map<String, Object> m : influx.rows("SHOW MEASUREMENTS")) {
                String measurement = (String) m.get("name");
                if (measurement.equals("cx_notifications")) {
                    continue; // deliveries by minute of the wall clock, and their latency: never the same twice
                }
                points.put(measurement, influx.rows("SELECT * FROM \"" + measurement + "\"").stream()
                        .map(point -> {
                            if (measurement.equals("cx_alerts")) {
                                point.keySet().removeAll(VALUED);
                            }
                            return withRoundedNumbers(point);
                        }).collect(Collectors.toCollection(TreeSet::new)));
            }
        }
        Map<String, Set<String>> alerts = new TreeMap<>();
        try (TestKafka kafka = new TestKafka(config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS))) {
            for (ConsumerRecord<byte[], byte[]> r
                    : kafka.readAll(config.get(CxOptions.TOPIC_ALERTS), Integer.MAX_VALUE, Duration.ofSeconds(5))) {
                Alert a = AlertJson.read(r.value());
                // what identifies the alert and its episode; not the wall clock of its detection, nor
                // its customer's value and last events, which are what had arrived before it
                alerts.computeIfAbsent(a.alertId, k -> new TreeSet<>()).add(String.join(" ", a.dedupKey, a.status,
                        a.customerId, a.firstKind, a.firstTouchpoint, Long.toString(a.firstTs),
                        String.join(",", a.firstEventIds), a.triggerKind, Long.toString(a.triggerTs),
                        String.join(",", a.triggerEventIds), Integer.toString(a.badExperiencesInWindow),
                        String.valueOf(a.incidentId)));
            }
        }
        Set<String> notified = new TreeSet<>(delivered.getOrDefault("/" + name, List.of()));
        return new Outcome(points, alerts, notified);
    }

    /**
     * A point, its numbers to 12 significant digits: a mean summed in another order (a window
     * restored from a checkpoint merges its parts in another order) differs in the last bits.
     */
    private static String withRoundedNumbers(Map<String, Object> point) {
        Map<String, Object> rounded = new TreeMap<>();
        point.forEach((k, v) -> rounded.put(k, v instanceof Double d ? new BigDecimal(d)
                .round(new MathContext(12)).stripTrailingZeros().toPlainString() : String.valueOf(v)));
        return rounded.toString();
    }

    private static void log(String run, String what, long since) {
        System.out.printf("%s: %s after %d s%n", run, what, (System.nanoTime() - since) / 1_000_000_000);
    }

    private static boolean restarted(String jobId) {
        try {
            return cluster.rest("/jobs/" + jobId + "/exceptions").contains("\"exceptionName\"");
        } catch (Exception e) {
            return false;
        }
    }

    private static void assertRunning(List<String> jobs) throws Exception {
        for (String id : jobs) {
            assertThat(cluster.rest("/jobs/" + id)).as("job %s", id).contains("\"state\":\"RUNNING\"");
        }
    }

    /** 40 minutes of traffic of 5,000 customers, 30 events/s, in event-time order, with some malformed records. */
    private static List<Record> generate(long start) {
        TrafficSettings settings = new TrafficSettings().seed(11).rate(30).customers(5_000);
        settings.malformedShare = 0.001;
        List<Record> records = new ArrayList<>();
        EventWriter writer = new EventWriter();
        EventPublisher collect = new EventPublisher() {
            @Override
            public void publish(Generated g) {
                records.add(new Record(g.stream, g.key, g.timestamp, g.malformed != null ? g.malformed : writer.write(g.event)));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        new GeneratorRun(new TrafficSimulator(settings, start), collect, null, false, start, Duration.ofMinutes(40), 0)
                .run();
        return records;
    }
}
