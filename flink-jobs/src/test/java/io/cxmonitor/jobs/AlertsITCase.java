package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.domain.experiences.ExperienceJson;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.events.Timestamps;
import io.cxmonitor.jobs.AlertsJob;
import io.cxmonitor.jobs.NotifyJob;
import io.cxmonitor.jobs.TestPipelines;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.domain.privacy.Pseudonyms;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.InfluxQueries;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestKafka;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad experiences on cx.experiences become alerts on cx.alerts and in InfluxDB, and reach a local
 * webhook receiver that refuses each alert twice before it accepts it: every alert arrives, signed,
 * with the same dedup key on every attempt.
 */
@ExtendWith(LocalStackExtension.class)
class AlertsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(5).build());

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String SECRET = "it-secret";

    private record Request(String alertId, String dedupKey, String timestamp, String signature, byte[] body) {}

    @Test
    void alertsFireEscalateAndReachAFlakyWebhookSignedAndDeduplicableWhileAnotherRouteIsDown(@TempDir Path dir) throws Exception {
        List<Request> requests = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/alerts", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String alertId = exchange.getRequestHeaders().getFirst("X-CX-Alert-Id");
            requests.add(new Request(alertId, exchange.getRequestHeaders().getFirst("X-CX-Dedup-Key"),
                    exchange.getRequestHeaders().getFirst("X-CX-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-CX-Signature"), body));
            int attempt = tries.computeIfAbsent(alertId, k -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(attempt <= 2 ? 503 : 202, -1);
            exchange.close();
        });
        AtomicInteger deadRouteAttempts = new AtomicInteger();
        receiver.createContext("/down", exchange -> {
            deadRouteAttempts.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        receiver.start();
        Path routes = dir.resolve("routes.properties");
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        Files.writeString(routes, "route.hook.type = webhook\nroute.hook.url = " + base + "/alerts\n"
                + "route.hook.secret-env = CX_IT_SECRET\n"
                + "route.team.type = slack\nroute.team.url = " + base + "/down\n");

        // the default retry time: until delivered
        CxConfig config = TestPipelines.freshConfig(Map.of(CxOptions.WATERMARK_IDLENESS.key(), "1 s",
                CxOptions.NOTIFY_ROUTES.key(), routes.toString()));
        long t0 = System.currentTimeMillis() - 3_600_000;
        try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            String web = config.get(CxOptions.TOPIC_CLICKSTREAM);
            for (int i = 0; i < 3; i++) {
                kafka.send(web, "c1", "{\"event_id\":\"buy-" + i + "\",\"type\":\"purchase\",\"ts\":\""
                        + Timestamps.format(t0 + i * 1000) + "\",\"customer_id\":\"c1\",\"session_id\":\"s1\",\"value\":80}");
            }
            kafka.send(web, "c3", "{\"event_id\":\"c3-view\",\"type\":\"page_view\",\"ts\":\""
                    + Timestamps.format(t0) + "\",\"customer_id\":\"c3\",\"session_id\":\"s3\"}");
        }

        List<JobClient> jobs = new ArrayList<>();
        try {
            StreamExecutionEnvironment alertsEnv = StreamExecutionEnvironment.getExecutionEnvironment();
            alertsEnv.setParallelism(TestPipelines.PARALLELISM);
            AlertsJob.define(alertsEnv, config);
            jobs.add(alertsEnv.executeAsync(AlertsJob.NAME));
            StreamExecutionEnvironment notifyEnv = StreamExecutionEnvironment.getExecutionEnvironment();
            notifyEnv.setParallelism(TestPipelines.PARALLELISM);
            NotifyJob.define(notifyEnv, config, NotifyJob.routes(config, Map.of("CX_IT_SECRET", SECRET)));
            jobs.add(notifyEnv.executeAsync(NotifyJob.NAME));
            jobs.add(TestPipelines.startInfluxJob(config));

            // as in life, the purchases are known before the bad experiences come: cx-alerts has them
            // once its activity source committed their offsets, which it does when a checkpoint holds them
            TestPipelines.awaitCommitted(config, AlertsJob.NAME, "activity", 4, TIMEOUT); // the purchases, c3's page view
            try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            String experiences = config.get(CxOptions.TOPIC_EXPERIENCES);
            experience(kafka, experiences, new BadExperience("c1", BadExperienceKind.LOW_CSAT, 0.5, "support",
                    t0 + 60_000, "csat-1")); // high, not yet critical: the review escalates it
            experience(kafka, experiences, new BadExperience("c2", BadExperienceKind.APP_CRASH, 0.7, "app",
                    t0 + 61_000, "crash-1"));
            experience(kafka, experiences, new BadExperience("c1", BadExperienceKind.NEGATIVE_REVIEW, 1.0, "reviews",
                    t0 + 120_000, "review-1"));
            }

            List<Alert> alerts = new ArrayList<>();
            try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
                for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(config.get(CxOptions.TOPIC_ALERTS), 3, TIMEOUT)) {
                    alerts.add(AlertJson.read(r.value()));
                }
            }
            assertThat(alerts).extracting(a -> a.customerId + ":" + a.status)
                    .containsExactlyInAnyOrder("c1:firing", "c1:escalated", "c2:firing");
            Alert c1 = alerts.stream().filter(a -> a.customerId.equals("c1") && a.status.equals("firing")).findFirst().get();
            assertThat(c1.purchases).isEqualTo(3);
            assertThat(c1.firstKind).isEqualTo("low_csat");

            Eventually.within(TIMEOUT, () -> assertThat(requests.stream().filter(r -> tries.get(r.alertId).get() >= 3)
                    .map(Request::alertId).distinct()).hasSize(3));
            for (Alert a : alerts) {
                List<Request> attempts = requests.stream().filter(r -> r.alertId.equals(a.alertId)).toList();
                assertThat(attempts).as("refused twice, then accepted").hasSizeGreaterThanOrEqualTo(3);
                assertThat(attempts).allSatisfy(r -> {
                    assertThat(r.dedupKey).isEqualTo("switching-risk:" + a.customerId);
                    assertThat(Long.parseLong(r.timestamp) * 1000).isCloseTo(System.currentTimeMillis(),
                            org.assertj.core.data.Offset.offset(300_000L));
                    assertThat(r.signature).isEqualTo(sign(r.timestamp, r.body));
                    assertThat(AlertJson.read(r.body).alertId).isEqualTo(a.alertId);
                });
            }
            assertThat(deadRouteAttempts).as("the route that is down is retried, and holds back no other route")
                    .hasValueGreaterThan(3);

            try (InfluxQueries influx = new InfluxQueries(LocalStackExtension.influx().url(),
                    config.get(CxOptions.INFLUXDB_DATABASE))) {
                Eventually.within(TIMEOUT, () -> {
                    Pseudonyms pseudonyms = new Pseudonyms(config.get(CxOptions.PRIVACY_PSEUDONYM_SECRET));
                    assertThat(influx.rows("SELECT * FROM cx_alerts")).hasSize(3)
                            .allSatisfy(row -> assertThat(row.get("pseudonym"))
                                    .isIn(pseudonyms.of("c1"), pseudonyms.of("c2")))
                            .allSatisfy(row -> assertThat(row.values()).as("no clear customer id in InfluxDB")
                                    .doesNotContain("c1", "c2"))
                            .allSatisfy(row -> assertThat((String) row.get("summary")).startsWith("Customer p-")
                                    .doesNotContain(" c1 ").doesNotContain(" c2 "));
                    assertThat(influx.number("SELECT sum(\"count\") FROM cx_notifications WHERE outcome = 'delivered'",
                            "sum")).isEqualTo(3);
                });
                assertThat(influx.rows("SHOW TAG KEYS FROM cx_alerts").toString()).doesNotContain("customer");
            }
        } finally {
            for (JobClient job : jobs) {
                job.cancel().get();
            }
            receiver.stop(0);
        }
    }

    private static void experience(TestKafka kafka, String topic, BadExperience b) {
        kafka.send(topic, b.customerId, new String(ExperienceJson.write(b), StandardCharsets.UTF_8));
    }

    /** What a receiver computes: HMAC-SHA256 of timestamp + "." + body. */
    private static String sign(String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
