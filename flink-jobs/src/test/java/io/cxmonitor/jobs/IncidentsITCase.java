package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.domain.experiences.ExperienceJson;
import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.incidents.IncidentJson;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.events.Timestamps;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestKafka;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * A checkout outage through Kafka, cx-alerts and cx-notify: on-call receives one incident that
 * fires, is updated once as it grows and resolves when it is over; the outreach route receives
 * every customer's alert exactly once, five a minute one by one and the rest in a digest.
 */
@ExtendWith(LocalStackExtension.class)
class IncidentsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(5).build());

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final long MIN = 60_000;

    private record Request(String path, Map<String, String> headers, byte[] body) {}

    @Test
    void anOutageIsOneIncidentForOnCallAndEveryCustomerOnceForOutreach(@TempDir Path dir) throws Exception {
        List<Request> requests = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            requests.add(new Request(exchange.getRequestURI().getPath(), headers, body));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        receiver.start();
        String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
        Path routes = Files.writeString(dir.resolve("routes.properties"), ""
                + "route.oncall.type = webhook\nroute.oncall.receives = incidents\nroute.oncall.url = " + base + "/oncall\n"
                + "route.oncall.secret-env = SECRET\n"
                + "route.crm.type = webhook\nroute.crm.max-per-minute = 5\nroute.crm.url = " + base + "/crm\n"
                + "route.crm.secret-env = SECRET\n");
        CxConfig config = TestPipelines.freshConfig(Map.of(CxOptions.WATERMARK_IDLENESS.key(), "1 s",
                CxOptions.NOTIFY_ROUTES.key(), routes.toString()));

        List<JobClient> jobs = new ArrayList<>();
        long t0 = (System.currentTimeMillis() - 60 * MIN) / MIN * MIN;
        try {
            StreamExecutionEnvironment notifyEnv = StreamExecutionEnvironment.getExecutionEnvironment();
            notifyEnv.setParallelism(TestPipelines.PARALLELISM);
            NotifyJob.define(notifyEnv, config, NotifyJob.routes(config, Map.of("SECRET", "s3cret")));
            jobs.add(notifyEnv.executeAsync(NotifyJob.NAME));
            StreamExecutionEnvironment alertsEnv = StreamExecutionEnvironment.getExecutionEnvironment();
            alertsEnv.setParallelism(TestPipelines.PARALLELISM);
            AlertsJob.define(alertsEnv, config);
            jobs.add(alertsEnv.executeAsync(AlertsJob.NAME));

            try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
                String experiences = config.get(CxOptions.TOPIC_EXPERIENCES);
                failure(kafka, experiences, "before", t0 - 5 * MIN); // the group is known: checkout fails now and then
                // ... and known before the outage comes: read late, behind a watermark that an idle
                // partition no longer holds back, it would make the group older than the outage's
                // first customers, and the incident fire at once with all of them instead of at ten.
                // cx-alerts commits its offset once a checkpoint holds the experience, counted or waiting.
                TestPipelines.awaitCommitted(config, AlertsJob.NAME, "experiences", 1, TIMEOUT);
                for (int i = 0; i < 30; i++) {
                    failure(kafka, experiences, "a" + i, t0 + i * 600); // the outage: 30 customers in 18 s
                }
                // on-call is paged once the watermark passes ten of them; what comes after names the incident
                assertThat(kafka.readAll(config.get(CxOptions.TOPIC_INCIDENTS), 1, TIMEOUT)).hasSize(1);
                for (int i = 0; i < 30; i++) {
                    failure(kafka, experiences, "b" + i, t0 + 6 * MIN + i * 600); // it goes on, and doubles
                }
                // then customers go on without failures: event time moves on
                String web = config.get(CxOptions.TOPIC_CLICKSTREAM);
                for (int m = 7; m <= 25; m++) {
                    kafka.send(web, "c-later", "{\"event_id\":\"later-" + m + "\",\"type\":\"page_view\",\"ts\":\""
                            + Timestamps.format(t0 + m * MIN) + "\",\"session_id\":\"s-later\",\"customer_id\":\"c-later\"}");
                }
            }

            List<Incident> incidents = new ArrayList<>();
            List<Alert> alerts = new ArrayList<>();
            try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
                for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(config.get(CxOptions.TOPIC_INCIDENTS), 3, TIMEOUT)) {
                    incidents.add(IncidentJson.read(r.value()));
                }
                for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(config.get(CxOptions.TOPIC_ALERTS), 61, TIMEOUT)) {
                    alerts.add(AlertJson.read(r.value()));
                }
            }
            assertThat(incidents).as("incidents %s; %d alerts, of %s", incidents, alerts.size(),
                            alerts.stream().map(a -> a.customerId).sorted().toList())
                    .extracting(i -> i.status).containsExactly("firing", "updated", "resolved");
            assertThat(incidents).extracting(i -> i.dedupKey).containsOnly("incident:checkout_failure/web/checkout//");
            assertThat(incidents.get(0).customersAffected).isEqualTo(10);
            assertThat(incidents.get(2).customersAffected).as("the 60 of the outage, not the one before").isEqualTo(60);
            assertThat(alerts).extracting(a -> a.customerId).doesNotHaveDuplicates().hasSize(61);
            // alerts do not wait for the watermark: those that passed once the incident was open name it
            assertThat(alerts.stream().filter(a -> a.customerId.matches("b\\d+")).map(a -> a.incidentId))
                    .as("alerts that passed while the incident was open name it")
                    .hasSize(30).containsOnly(incidents.get(0).incidentId);
            assertThat(alerts.stream().filter(a -> a.incidentId != null).map(a -> a.incidentId))
                    .containsOnly(incidents.get(0).incidentId);

            Eventually.within(TIMEOUT, () -> assertThat(requests.stream().filter(r -> r.path.equals("/oncall")))
                    .extracting(r -> new ObjectMapper().readTree(r.body).get("status").asText())
                    .containsExactly("firing", "updated", "resolved"));
            assertThat(requests.stream().filter(r -> r.path.equals("/oncall")))
                    .allSatisfy(r -> assertThat(r.headers).containsKey("x-cx-incident-id").containsKey("x-cx-signature"));

            Set<String> outreach = new HashSet<>();
            Eventually.within(TIMEOUT, () -> {
                outreach.clear();
                int digests = 0;
                for (Request r : requests.stream().filter(r -> r.path.equals("/crm")).toList()) {
                    JsonNode json = new ObjectMapper().readTree(r.body);
                    if (json.has("digest_id")) {
                        digests++;
                        json.get("alerts").forEach(a -> assertThat(outreach.add(a.get("alert_id").asText())).isTrue());
                    } else {
                        assertThat(outreach.add(json.get("alert_id").asText())).as("each alert once").isTrue();
                    }
                }
                assertThat(digests).isPositive();
                assertThat(outreach).containsExactlyInAnyOrderElementsOf(alerts.stream().map(a -> a.alertId).toList());
            });
            long oneByOne = requests.stream().filter(r -> r.path.equals("/crm") && r.headers.containsKey("x-cx-alert-id"))
                    .count();
            assertThat(oneByOne).as("five a minute, the outage lasted at most two minutes of the wall clock")
                    .isBetween(5L, 10L);
            TestPipelines.assertRunning(jobs);
        } finally {
            TestPipelines.cancel(jobs);
            receiver.stop(0);
        }
    }

    private static void failure(TestKafka kafka, String topic, String customer, long ts) {
        BadExperience b = new BadExperience(customer, BadExperienceKind.CHECKOUT_FAILURE, 0.9, "web", ts, "e-" + customer);
        b.place = "checkout";
        b.cartValue = 80;
        kafka.send(topic, customer, new String(ExperienceJson.write(b), StandardCharsets.UTF_8));
    }
}
