package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.ExperienceJson;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.events.EventLimits;
import io.cxmonitor.events.Stream;
import io.cxmonitor.events.contract.ContractArbitraries;
import io.cxmonitor.events.contract.ContractRecord;
import io.cxmonitor.events.contract.InvalidRecords;
import io.cxmonitor.jobs.AlertsJob;
import io.cxmonitor.jobs.NotifyJob;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.jobs.ingest.EventIngest;
import io.cxmonitor.jobs.ingest.ParsedRecord;
import io.cxmonitor.jobs.ingest.RecordParser;
import io.cxmonitor.jobs.notify.Notification;
import io.cxmonitor.jobs.notify.Route;
import io.cxmonitor.jobs.notify.Routes;
import io.cxmonitor.jobs.risk.RiskInput;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC 2 as a property of the whole product, without Kafka or InfluxDB: thousands of records
 * written to the contract by others (every type, optional fields in any combination, boundary
 * values, unicode, duplicates) and records that break it in one way each go through the parser
 * and the signals, alerting and notification pipelines on a MiniCluster at parallelism 2. No job
 * fails; every valid event is counted once; every invalid record is a dead letter with its reason;
 * every alert is delivered.
 */
class ContractThroughTheJobsTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int VALID = 3_000;
    private static final int INVALID = 300;
    private static final Pattern EVENTS_POINT =
            Pattern.compile("^cx_events,stream=([^,]+),type=(\\S+) count=(\\d+)i (\\d+)$");

    @Test
    void everyValidRecordIsCountedOnceEveryInvalidOneIsADeadLetterAndNoJobFails(@TempDir Path dir) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        long now = System.currentTimeMillis();
        CxConfig config = CxConfig.load(Map.of(), Map.of(), Map.of(CxOptions.WINDOW_UPDATE_INTERVAL.key(), "100 ms"));

        List<ParsedRecord> parsed = new ArrayList<>();
        Map<String, Long> expectedEvents = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> expectedDeadLetters = new TreeMap<>();
        RecordParser parser = new RecordParser(invert(KafkaTopics.inputTopics(config)), EventLimits.DEFAULT);
        parser.open(null);
        AtomicInteger offset = new AtomicInteger();
        for (int i = 0; i < VALID; i++) {
            ContractRecord r = ContractArbitraries.validRecord(random, now);
            if (r.eventId().length() < ContractArbitraries.MAX_ID_LENGTH - 8) {
                // unrelated records never share an id here: only the copies below are duplicates
                r = r.with("event_id", r.eventId() + "#" + i);
            }
            int copies = random.nextInt(10) == 0 ? 2 : 1; // producers are at least once
            for (int c = 0; c < copies; c++) {
                ParsedRecord p = parse(parser, r.stream(), r.json(), offset.incrementAndGet());
                assertThat(p.hasEvent()).as("seed %d: %s", seed, r).isTrue();
                parsed.add(p);
                if (seen.add(p.event.subjectId() + "\u0000" + p.event.eventId)) {
                    expectedEvents.merge(p.event.stream.id() + "/" + p.event.type.wireName(), 1L, Long::sum);
                }
            }
        }
        for (int i = 0; i < INVALID; i++) {
            InvalidRecords.Refusal refusal = InvalidRecords.refusal(random, now);
            ParsedRecord p = parse(parser, refusal.record().stream(), refusal.payload(), offset.incrementAndGet());
            assertThat(p.hasEvent()).as("seed %d: %s", seed, refusal).isFalse();
            parsed.add(p);
            expectedDeadLetters.merge(refusal.reason().id(), 1, Integer::sum);
        }
        // in event-time order, so that no valid event is late and every one must be counted
        parsed.sort(Comparator.comparingLong(ParsedRecord::timestamp));

        // the signals
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<ParsedRecord> records = env.fromData(parsed).assignTimestampsAndWatermarks(EventIngest.watermarks(config));
        SignalsJob.Outputs signals = SignalsJob.pipeline(records, TestPipelines.noRequests(records), config);
        List<String> out = collect(signals.points().map(p -> "point " + p.line)
                .union(signals.experiences().map(b -> "experience " + new String(ExperienceJson.write(b),
                        StandardCharsets.UTF_8)))
                .union(signals.deadLetters().map(d -> "dead " + d.reason.id())));

        Map<String, Long> latestCount = new HashMap<>(); // series and time → the last, largest, count
        Map<String, Integer> deadLetters = new TreeMap<>();
        List<BadExperience> experiences = new ArrayList<>();
        for (String line : out) {
            if (line.startsWith("dead ")) {
                deadLetters.merge(line.substring(5), 1, Integer::sum);
            } else if (line.startsWith("experience ")) {
                experiences.add(ExperienceJson.read(line.substring(11).getBytes(StandardCharsets.UTF_8),
                        EventLimits.DEFAULT));
            } else {
                Matcher m = EVENTS_POINT.matcher(line.substring(6));
                if (m.matches()) {
                    latestCount.merge(m.group(1) + "/" + m.group(2) + "@" + m.group(4), Long.parseLong(m.group(3)),
                            Math::max);
                }
            }
        }
        Map<String, Long> counted = new TreeMap<>();
        latestCount.forEach((key, count) -> counted.merge(key.substring(0, key.indexOf('@')), count, Long::sum));
        assertThat(counted).as("seed %d: valid events per stream and type, each once", seed).isEqualTo(expectedEvents);
        assertThat(deadLetters).as("seed %d: dead letters per reason", seed).isEqualTo(expectedDeadLetters);
        assertThat(experiences).as("seed %d", seed).isNotEmpty();

        // the alerts, from those bad experiences and the activity of the same customers
        List<RiskInput> inputs = new ArrayList<>();
        experiences.forEach(b -> inputs.add(RiskInput.experience(b)));
        for (ParsedRecord p : parsed) {
            if (p.hasEvent() && p.event.customerId != null) {
                inputs.add(RiskInput.activity(p.event));
            }
        }
        inputs.sort(Comparator.comparingLong(r -> r.ts));
        StreamExecutionEnvironment alertsEnv = StreamExecutionEnvironment.getExecutionEnvironment();
        alertsEnv.setParallelism(2);
        DataStream<String> control = alertsEnv.fromData("{\"threshold\":0.5}");
        List<String> alertJson = collect(AlertsJob.pipeline(alertsEnv.fromData(inputs)
                        .assignTimestampsAndWatermarks(WatermarkStrategy.<RiskInput>forMonotonousTimestamps()
                                .withTimestampAssigner((r, t) -> r.ts)), control, config).alerts()
                .map(a -> new String(AlertJson.write(a), StandardCharsets.UTF_8)));
        List<Alert> alerts = new ArrayList<>();
        for (String json : alertJson) {
            alerts.add(AlertJson.read(json.getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(alerts).as("seed %d", seed).isNotEmpty();
        assertThat(alerts.stream().filter(a -> a.status.equals("firing")).map(a -> a.customerId))
                .as("seed %d: one page per customer in the window", seed).doesNotHaveDuplicates();

        // the notifications, to a webhook that takes them all
        Set<String> received = java.util.concurrent.ConcurrentHashMap.newKeySet();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            received.add(exchange.getRequestHeaders().getFirst("X-CX-Alert-Id"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Path routes = Files.writeString(dir.resolve("routes.properties"), "route.hook.type = webhook\n"
                    + "route.hook.url = http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts\n"
                    + "route.hook.secret-env = SECRET\n");
            Route route = Routes.load(routes, Map.of("SECRET", "s3cret")).get(0);
            StreamExecutionEnvironment notifyEnv = StreamExecutionEnvironment.getExecutionEnvironment();
            notifyEnv.setParallelism(2);
            List<String> outcomes = collect(NotifyJob.deliver(NotifyJob.forRoute(notifyEnv.fromData(alerts)
                            .map(Notification::of).returns(Notification.class), route), route, config)
                    .map(r -> r.outcome));
            assertThat(outcomes).hasSize(alerts.size()).containsOnly("delivered");
            assertThat(received).containsExactlyInAnyOrderElementsOf(alerts.stream().map(a -> a.alertId).toList());
        } finally {
            receiver.stop(0);
        }
    }

    private static ParsedRecord parse(RecordParser parser, Stream stream, byte[] payload, int offset) {
        List<ParsedRecord> one = new ArrayList<>();
        parser.deserialize(new ConsumerRecord<>(stream.defaultTopic(), 0, offset, null, payload),
                new org.apache.flink.util.Collector<>() {
                    @Override
                    public void collect(ParsedRecord record) {
                        one.add(record);
                    }

                    @Override
                    public void close() {}
                });
        assertThat(one).hasSize(1);
        return one.get(0);
    }

    private static <T> List<T> collect(DataStream<T> stream) throws Exception {
        List<T> all = new ArrayList<>();
        try (CloseableIterator<T> it = stream.executeAndCollect("contract")) {
            it.forEachRemaining(all::add);
        }
        return all;
    }

    private static Map<String, Stream> invert(Map<String, Stream> topics) {
        Map<String, Stream> byDefault = new HashMap<>();
        topics.values().forEach(s -> byDefault.put(s.defaultTopic(), s));
        return byDefault;
    }
}
