package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.incidents.IncidentJson;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.events.Timestamps;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An outage as someone would type it into Kafka's console producer: a dozen customers whose
 * payment fails on the checkout page within half a minute, records without keys, nothing after,
 * on a deployment with the default settings whose only earlier record is one failed payment an
 * hour ago. Each customer is alerted once, and on-call gets one incident without waiting for later
 * traffic to move event time on.
 */
@ExtendWith(LocalStackExtension.class)
class OutageTypedByHandITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int CUSTOMERS = 12;

    @Test
    void aDozenFailedCheckoutsOfAPageThatFailedOnceAnHourAgoAreOneIncidentAndADozenAlerts() throws Exception {
        CxConfig config = TestPipelines.freshConfig(Map.of(CxOptions.WINDOW_UPDATE_INTERVAL.key(), "5 s"));
        String web = config.get(CxOptions.TOPIC_CLICKSTREAM);
        List<JobClient> jobs = new ArrayList<>();
        try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            jobs.add(TestPipelines.start(SignalsJob.NAME, TestPipelines.PARALLELISM, env -> SignalsJob.define(env, config)));
            jobs.add(TestPipelines.start(AlertsJob.NAME, TestPipelines.PARALLELISM, env -> AlertsJob.define(env, config)));

            // an hour ago, one customer's payment failed there once: the deployment has been watching since
            long earlier = System.currentTimeMillis() - 70 * 60_000;
            checkoutFailure(kafka, web, "c-earlier", earlier);
            kafka.readAll(config.get(CxOptions.TOPIC_ALERTS), 1, TIMEOUT); // its alert: the jobs are reading

            long t = System.currentTimeMillis() - 120_000;
            for (int i = 0; i < CUSTOMERS; i++) {
                checkoutFailure(kafka, web, "c-typed-" + i, t + i * 2_000);
            }

            List<Incident> incidents = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(config.get(CxOptions.TOPIC_INCIDENTS), 1, TIMEOUT)) {
                incidents.add(IncidentJson.read(r.value()));
            }
            List<Alert> alerts = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(config.get(CxOptions.TOPIC_ALERTS), CUSTOMERS + 1, TIMEOUT)) {
                Alert a = AlertJson.read(r.value());
                if (!a.customerId.equals("c-earlier")) {
                    alerts.add(a);
                }
            }
            TestPipelines.assertRunning(jobs);

            assertThat(incidents).singleElement().satisfies(i -> {
                assertThat(i.status).isEqualTo("firing");
                assertThat(i.dedupKey).isEqualTo("incident:checkout_failure/web/checkout//");
                assertThat(i.customersAffected).as("the tenth customer fires it").isEqualTo(10);
                assertThat(i.firstSeen).as("the customers of the outage, not the one an hour before").isEqualTo(t + 500);
                assertThat(i.topCustomers).hasSize(10);
            });
            assertThat(alerts).extracting(a -> a.customerId).doesNotHaveDuplicates().hasSize(CUSTOMERS);
            assertThat(alerts).allSatisfy(a -> assertThat(a.firstKind).isEqualTo("checkout_failure"));
        } finally {
            TestPipelines.cancel(jobs);
        }
    }

    /** A customer on the payment page, and the payment failing half a second later, as typed by hand. */
    private static void checkoutFailure(TestKafka kafka, String topic, String customer, long at) {
        kafka.send(topic, null, "{\"event_id\":\"" + customer + "-pay\",\"type\":\"page_view\",\"ts\":\""
                + Timestamps.format(at) + "\",\"customer_id\":\"" + customer + "\",\"session_id\":\"s-" + customer
                + "\",\"page\":\"/checkout/pay\",\"page_type\":\"checkout\"}");
        kafka.send(topic, null, "{\"event_id\":\"" + customer + "-503\",\"type\":\"http_error\",\"ts\":\""
                + Timestamps.format(at + 500) + "\",\"customer_id\":\"" + customer + "\",\"session_id\":\"s-"
                + customer + "\",\"page\":\"/checkout/pay\",\"page_type\":\"checkout\",\"status\":503,"
                + "\"url\":\"/api/payment\"}");
    }
}
