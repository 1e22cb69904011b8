package io.cxmonitor.jobs.privacy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.ExperienceJson;
import io.cxmonitor.domain.privacy.PrivacyJson;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.events.EventLimits;
import io.cxmonitor.events.Timestamps;
import io.cxmonitor.jobs.AlertsJob;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.TestPipelines;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A customer asks to be forgotten while cx-signals and cx-alerts run (SPEC 8), by a request
 * written to cx.privacy as any tool would: each job acknowledges it, the customer's records on
 * cx.experiences and cx.alerts are followed by a tombstone of their key, another customer's are
 * not, and the next bad experience of the forgotten customer is a first alert again, from nothing.
 */
@ExtendWith(LocalStackExtension.class)
class ForgetACustomerITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void bothJobsForgetTheCustomerTombstoneTheirKeyAndAcknowledge() throws Exception {
        CxConfig config = TestPipelines.freshConfig(Map.of(CxOptions.WINDOW_UPDATE_INTERVAL.key(), "5 s"));
        String web = config.get(CxOptions.TOPIC_CLICKSTREAM);
        String alertsTopic = config.get(CxOptions.TOPIC_ALERTS);
        String experiencesTopic = config.get(CxOptions.TOPIC_EXPERIENCES);
        String privacy = config.get(CxOptions.TOPIC_PRIVACY);
        List<JobClient> jobs = new ArrayList<>();
        try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            jobs.add(TestPipelines.start(SignalsJob.NAME, TestPipelines.PARALLELISM, env -> SignalsJob.define(env, config)));
            jobs.add(TestPipelines.start(AlertsJob.NAME, TestPipelines.PARALLELISM, env -> AlertsJob.define(env, config)));
            long t = System.currentTimeMillis() - 60_000;
            checkoutFailure(kafka, web, "c-gone", "1", t);
            checkoutFailure(kafka, web, "c-stays", "1", t);
            assertThat(kafka.readAll(alertsTopic, 2, TIMEOUT)).hasSize(2);

            kafka.send(privacy, "c-gone", "{\"forget\":\"c-gone\",\"request_id\":\"r-1\"}");
            List<String> acknowledgedBy = Eventually.value(TIMEOUT, () -> {
                List<String> jobsThatAcknowledged = kafka.readAll(privacy, 3, Duration.ofSeconds(2)).stream()
                        .map(r -> PrivacyJson.readAcknowledgement(r.value())).filter(Objects::nonNull)
                        .filter(a -> a.requestId().equals("r-1")).map(PrivacyJson.Acknowledgement::job).toList();
                assertThat(jobsThatAcknowledged).hasSizeGreaterThanOrEqualTo(2);
                return jobsThatAcknowledged;
            });
            assertThat(acknowledgedBy).containsOnly(SignalsJob.NAME, AlertsJob.NAME);

            for (String topic : List.of(alertsTopic, experiencesTopic)) {
                List<ConsumerRecord<byte[], byte[]>> records = Eventually.value(TIMEOUT, () -> {
                    List<ConsumerRecord<byte[], byte[]>> all = kafka.readAll(topic, 3, Duration.ofSeconds(2));
                    assertThat(all).as(topic).anyMatch(r -> r.value() == null);
                    return all;
                });
                assertThat(records).filteredOn(r -> "c-gone".equals(key(r))).as(topic + ": the customer's record, then the tombstone")
                        .extracting(r -> r.value() == null).containsExactly(false, true);
                assertThat(records).filteredOn(r -> "c-stays".equals(key(r))).as(topic)
                        .extracting(r -> r.value() == null).containsExactly(false);
            }
            assertThat(ExperienceJson.read(kafka.readAll(experiencesTopic, 1, TIMEOUT).get(0).value(), EventLimits.DEFAULT))
                    .as("experiences are keyed by their customer").isNotNull();

            // later, the forgotten customer fails at checkout again: a first alert, not an escalation
            checkoutFailure(kafka, web, "c-gone", "2", System.currentTimeMillis() - 30_000);
            Alert again = Eventually.value(TIMEOUT, () -> {
                List<Alert> theirs = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(alertsTopic, 4, Duration.ofSeconds(2))) {
                    if (r.value() != null && "c-gone".equals(key(r))) {
                        theirs.add(AlertJson.read(r.value()));
                    }
                }
                assertThat(theirs).hasSize(2);
                return theirs.get(1);
            });
            assertThat(again.status).as("nothing of the first episode was left").isEqualTo("firing");
            long before = t + 1_000;
            assertThat(again.timeline).as("no event from before the request").allSatisfy(e -> assertThat(e.ts).isGreaterThan(before));
            TestPipelines.assertRunning(jobs);
        } finally {
            TestPipelines.cancel(jobs);
        }
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? null : new String(r.key(), UTF_8);
    }

    /** A customer on the payment page, and the payment failing half a second later. */
    private static void checkoutFailure(TestKafka kafka, String topic, String customer, String visit, long at) {
        kafka.send(topic, customer, "{\"event_id\":\"" + customer + "-pay-" + visit + "\",\"type\":\"page_view\",\"ts\":\""
                + Timestamps.format(at) + "\",\"customer_id\":\"" + customer + "\",\"session_id\":\"s-" + customer
                + "-" + visit + "\",\"page\":\"/checkout/pay\",\"page_type\":\"checkout\"}");
        kafka.send(topic, customer, "{\"event_id\":\"" + customer + "-503-" + visit + "\",\"type\":\"http_error\",\"ts\":\""
                + Timestamps.format(at + 500) + "\",\"customer_id\":\"" + customer + "\",\"session_id\":\"s-"
                + customer + "-" + visit + "\",\"page\":\"/checkout/pay\",\"page_type\":\"checkout\",\"status\":503,"
                + "\"url\":\"/api/payment\"}");
    }
}
