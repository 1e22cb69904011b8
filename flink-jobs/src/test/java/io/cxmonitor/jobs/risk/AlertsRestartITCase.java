package io.cxmonitor.jobs.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.domain.experiences.ExperienceJson;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.jobs.AlertsJob;
import io.cxmonitor.jobs.FailOnceAfterCheckpoint;
import io.cxmonitor.jobs.TestPipelines;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alerting job fails in the middle of the stream and recovers from its last checkpoint. After
 * recovery every expected alert is on cx.alerts, a duplicate carries the same alert id, and no
 * customer has two different alert ids for one state change of one episode.
 */
@ExtendWith(LocalStackExtension.class)
class AlertsRestartITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final int CUSTOMERS = 300;

    @Test
    void afterAFailureEveryAlertIsThereOnceInSubstanceWithStableIds() throws Exception {
        FailOnceAfterCheckpoint.reset();
        CxConfig config = TestPipelines.freshConfig(Map.of(CxOptions.WATERMARK_IDLENESS.key(), "1 s",
                CxOptions.CHECKPOINT_INTERVAL.key(), "500 ms"));
        String topic = config.get(CxOptions.TOPIC_EXPERIENCES);
        long t0 = System.currentTimeMillis() - 3_600_000;
        try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            for (int c = 0; c < CUSTOMERS; c++) {
                send(kafka, topic, new BadExperience("c" + c, BadExperienceKind.APP_CRASH, 0.7, "app", t0 + c, "a" + c));
            }
        }

        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(500));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(TestPipelines.PARALLELISM);
        AlertsJob.configure(env, config);
        AlertsJob.publish(AlertsJob.pipeline(
                AlertsJob.inputs(env, config).map(new FailOnceAfterCheckpoint<>(CUSTOMERS / 4)).name("fail once"),
                AlertSources.control(env, config, AlertsJob.NAME), config), config);
        JobClient job = env.executeAsync(AlertsJob.NAME);
        try {
            Eventually.within(Duration.ofSeconds(60), () -> assertThat(FailOnceAfterCheckpoint.CHECKPOINTED).isTrue());
            // the second half arrives after a checkpoint; a record in its middle fails the job
            try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
                for (int c = 0; c < CUSTOMERS; c++) {
                    send(kafka, topic, new BadExperience("c" + c, BadExperienceKind.NEGATIVE_REVIEW, 0.9, "reviews",
                            t0 + 600_000 + c, "b" + c));
                }
            }
            List<Alert> alerts = new ArrayList<>();
            try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
                Eventually.within(Duration.ofSeconds(90), () -> {
                    alerts.clear();
                    for (ConsumerRecord<byte[], byte[]> r
                            : kafka.readAll(config.get(CxOptions.TOPIC_ALERTS), 2 * CUSTOMERS, Duration.ofSeconds(10))) {
                        alerts.add(AlertJson.read(r.value()));
                    }
                    assertThat(alerts.stream().map(a -> a.alertId).distinct()).hasSize(2 * CUSTOMERS);
                });
            }
            assertThat(FailOnceAfterCheckpoint.FAILED).as("the failure was injected").isTrue();

            Map<String, Set<String>> idsByChange = new HashMap<>();
            Map<String, Alert> byId = new HashMap<>();
            for (Alert a : alerts) {
                idsByChange.computeIfAbsent(a.customerId + ":" + a.status, k -> new HashSet<>()).add(a.alertId);
                Alert before = byId.putIfAbsent(a.alertId, a);
                if (before != null) {
                    assertThat(a.customerId + a.status + a.riskScore + a.triggerKind)
                            .as("a duplicate is the same alert").isEqualTo(before.customerId + before.status
                                    + before.riskScore + before.triggerKind);
                }
            }
            for (int c = 0; c < CUSTOMERS; c++) {
                assertThat(idsByChange.get("c" + c + ":firing")).as("c%d fired once", c).hasSize(1);
                assertThat(idsByChange.get("c" + c + ":escalated")).as("c%d escalated once", c).hasSize(1);
            }
        } finally {
            job.cancel().get();
        }
    }

    private static void send(TestKafka kafka, String topic, BadExperience b) {
        kafka.send(topic, b.customerId, new String(ExperienceJson.write(b), StandardCharsets.UTF_8));
    }
}
