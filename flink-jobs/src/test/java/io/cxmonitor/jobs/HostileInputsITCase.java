package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cxmonitor.events.DeadLetter;
import io.cxmonitor.events.Timestamps;
import io.cxmonitor.jobs.AlertsJob;
import io.cxmonitor.jobs.NotifyJob;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.TestPipelines;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.InfluxQueries;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestKafka;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four jobs, each without restarts, against every record, duplicate and odd value that once
 * stopped, flooded or fooled the monitor; then ordinary traffic that must be counted, and an
 * at-risk customer who must be paged exactly once.
 */
@ExtendWith(LocalStackExtension.class)
class HostileInputsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(7).build());

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SENTINELS = 40;
    private static final AtomicInteger IDS = new AtomicInteger();

    @Test
    void noRecordDuplicateOrOddValueStopsFloodsOrFoolsTheMonitor(@TempDir Path dir) throws Exception {
        List<String> paged = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            paged.add(exchange.getRequestHeaders().getFirst("X-CX-Alert-Id"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        Path routes = dir.resolve("routes.properties");
        Files.writeString(routes, "route.hook.type = webhook\nroute.hook.url = http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/alerts\nroute.hook.secret-env = CX_IT_SECRET\n");
        CxConfig config = TestPipelines.freshConfig(Map.of(CxOptions.WATERMARK_IDLENESS.key(), "1 s",
                CxOptions.NOTIFY_ROUTES.key(), routes.toString()));
        String web = config.get(CxOptions.TOPIC_CLICKSTREAM);
        String app = config.get(CxOptions.TOPIC_APP);
        String reviews = config.get(CxOptions.TOPIC_REVIEWS);
        String support = config.get(CxOptions.TOPIC_SUPPORT);

        List<JobClient> jobs = new ArrayList<>();
        try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            jobs.add(TestPipelines.startInfluxJob(config));
            jobs.add(TestPipelines.start(SignalsJob.NAME, TestPipelines.PARALLELISM, env -> SignalsJob.define(env, config)));
            jobs.add(TestPipelines.start(AlertsJob.NAME, TestPipelines.PARALLELISM, env -> AlertsJob.define(env, config)));
            jobs.add(TestPipelines.start(NotifyJob.NAME, 1, env -> NotifyJob.define(env, config,
                    NotifyJob.routes(config, Map.of("CX_IT_SECRET", "s3cret")))));

            long now = System.currentTimeMillis();
            // valid, with optional fields left out or unusual values: each once stopped every signal
            kafka.send(app, "s-api", event("api_call", now, "session_id", "s-api", "status", 200));
            kafka.send(app, "s-api", event("api_call", now, "session_id", "s-api", "endpoint", "/v1/pay"));
            kafka.send(web, "s-vital", event("web_vital", now, "session_id", "s-vital", "metric", "LCP"));
            kafka.send(web, "s-vital", event("web_vital", now, "session_id", "s-vital", "metric", "FID", "value", 12));
            kafka.send(web, "s-empty", event("click", now, "session_id", "s-empty", "customer_id", ""));
            kafka.send(support, "c-survey", event("csat", now, "customer_id", "c-survey"));
            kafka.send(support, "c-survey", event("message", now, "customer_id", "c-survey", "ticket_id", "T9",
                    "author", "system", "text", "Your ticket was merged."));
            kafka.send(reviews, "c-bare", event("review", now, "customer_id", "c-bare"));
            // valid and 23 h ahead: counted at its own time, but it must not make the present late
            kafka.send(web, "s-future", event("page_view", now + 23 * 3_600_000L, "session_id", "s-future"));
            // invalid: dead letters, each with its reason, each small enough for Kafka
            kafka.send(reviews, "x", event("review", now, "customer_id", "c".repeat(400_000), "rating", 1));
            kafka.send(reviews, "x", event("review", now, "customer_id", "", "rating", 1));
            kafka.send(web, "x", "{\"event_id\":\"big-type\",\"type\":\"" + "t".repeat(900_000)
                    + "\",\"ts\":" + now + ",\"session_id\":\"s\"}");
            kafka.send(web, "x", "{\"event_id\":\"inf\",\"type\":\"click\",\"ts\":" + now
                    + ",\"session_id\":\"s\",\"x\":1e400}");
            // not ours to write, yet written: none may stop a job
            String experiences = config.get(CxOptions.TOPIC_EXPERIENCES);
            kafka.send(experiences, "x", "not json");
            kafka.send(experiences, "x", "{\"customer_id\":\"c-x\",\"kind\":\"low_csat\",\"severity\":0.9,"
                    + "\"ts\":\"" + Timestamps.format(now) + "\",\"evidence\":{\"event_ids\":\"e1\"}}");
            kafka.send(config.get(CxOptions.TOPIC_ALERTS), "x", "{\"alert_id\":\"forged\"}");
            kafka.send(config.get(CxOptions.TOPIC_ALERT_CONTROL), null, "{\"threshold\":\"high\"}");
            kafka.send(config.get(CxOptions.TOPIC_POINTS), "x", "not a point");

            // ordinary traffic, each record delivered twice, as at-least-once producers do
            for (int i = 0; i < SENTINELS; i++) {
                String view = event("page_view", now - 5_000 + i, "session_id", "s-sentinel-" + i, "page_type", "home");
                kafka.send(web, "s-sentinel-" + i, view);
                kafka.send(web, "s-sentinel-" + i, view);
            }
            // a valued customer's one-star review, delivered twice
            kafka.send(web, "vip", event("purchase", now - 60_000, "customer_id", "vip", "session_id", "s-vip",
                    "value", 250));
            String review = event("review", now - 1_000, "customer_id", "vip", "rating", 1, "source", "trustpilot",
                    "text", "Terrible. The parcel never arrived and nobody answers.");
            kafka.send(reviews, "vip", review);
            kafka.send(reviews, "vip", review);

            // exactly one page, delivered once
            List<JsonNode> alerts = Eventually.value(TIMEOUT, () -> {
                TestPipelines.assertRunning(jobs);
                List<JsonNode> read = alertsOf(kafka, config, "vip");
                assertThat(read).isNotEmpty();
                return read;
            });
            Eventually.within(TIMEOUT, () -> assertThat(paged).containsExactly(alerts.get(0).get("alert_id").asText()));
            // our own experience record published again: a repeat, never an escalation
            ConsumerRecord<byte[], byte[]> vipExperience = kafka.readAll(experiences, 3, TIMEOUT).stream()
                    .filter(r -> r.key() != null && new String(r.key()).equals("vip")).findFirst().orElseThrow();
            kafka.send(experiences, "vip", vipExperience.value());
            Thread.sleep(3_000);
            assertThat(alertsOf(kafka, config, "vip")).as("one alert, no escalation").hasSize(1)
                    .allSatisfy(a -> assertThat(a.get("status").asText()).isEqualTo("firing"));

            // every sentinel counted once, none late, whatever the future-dated event did to event time
            try (InfluxQueries influx = new InfluxQueries(LocalStackExtension.influx().url(),
                    config.get(CxOptions.INFLUXDB_DATABASE))) {
                // the future-dated page view counts in its own minute, a day ahead
                String present = " AND time >= '" + Timestamps.format(now - 600_000) + "' AND time <= '"
                        + Timestamps.format(now + 120_000) + "'";
                Eventually.within(TIMEOUT, () -> assertThat(TestPipelines.assertRunning(jobs) + influx.number(
                        "SELECT sum(\"count\") FROM cx_events WHERE type = 'page_view'" + present, "sum"))
                        .isEqualTo(SENTINELS));
                assertThat(influx.rows("SELECT * FROM cx_late_events")).isEmpty();
            }

            List<String> reasons = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(config.get(CxOptions.TOPIC_DEADLETTER), 4, TIMEOUT)) {
                assertThat(r.value().length).isLessThanOrEqualTo(DeadLetter.MAX_LETTER_BYTES);
                reasons.add(JSON.readTree(r.value()).get("reason").asText());
            }
            assertThat(reasons).containsExactlyInAnyOrder("invalid_value", "missing_field", "unknown_type",
                    "invalid_value");
            assertThat(kafka.readAll(config.get(CxOptions.TOPIC_NOTIFY_DEADLETTER), 1, TIMEOUT))
                    .extracting(r -> JSON.readTree(r.value()).get("reason").asText()).containsExactly("not_an_alert");

            TestPipelines.assertRunning(jobs);
        } finally {
            TestPipelines.cancel(jobs);
            receiver.stop(0);
        }
    }

    private static List<JsonNode> alertsOf(TestKafka kafka, CxConfig config, String customer) throws Exception {
        List<JsonNode> alerts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(config.get(CxOptions.TOPIC_ALERTS), 1, Duration.ofSeconds(2))) {
            JsonNode a = JSON.readTree(TestKafka.value(r));
            if (a.has("customer_id") && a.get("customer_id").asText().equals(customer)) {
                alerts.add(a);
            }
        }
        return alerts;
    }

    /** A record of SPEC 2 with a new event id: type, event time, and field-value pairs. */
    private static String event(String type, long ts, Object... fields) {
        StringBuilder json = new StringBuilder("{\"event_id\":\"e-" + IDS.incrementAndGet() + "\",\"type\":\"" + type
                + "\",\"ts\":\"" + Timestamps.format(ts) + "\"");
        for (int i = 0; i < fields.length; i += 2) {
            Object v = fields[i + 1];
            json.append(",\"").append(fields[i]).append("\":")
                    .append(v instanceof String s ? "\"" + s + "\"" : String.valueOf(v));
        }
        return json.append('}').toString();
    }
}
