package io.cxmonitor.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.TestPipelines;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.FlinkCluster;
import io.cxmonitor.localstack.LocalStackExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flink run} with the shaded job jar, through Flink's own CLI, on a standalone cluster with
 * Flink's default configuration: the job refuses to start, with exit code 2 and the fix, rather than
 * fail its checkpoints and restart for ever; given a checkpoint directory, it runs and checkpoints.
 */
@ExtendWith(LocalStackExtension.class)
class FlinkRunOnADefaultClusterITCase {

    @Test
    void aDefaultClusterIsRefusedWithTheFixAndADurableOneRunsTheJob(@TempDir Path dir) throws Exception {
        Path jar = TestClusters.jobJar();
        CxConfig config = TestPipelines.freshConfig();
        Path properties = dir.resolve("cxmon.properties");
        CxConfig.writeProperties(config.toMap(), properties);

        try (FlinkCluster cluster = TestClusters.start(dir.resolve("cluster"), 1, Map.of())) {
            FlinkCluster.Result refused = cluster.flink("run", "-d", "-c", SignalsJob.class.getName(),
                    jar.toString(), "--config", properties.toString());
            assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
            assertThat(refused.output()).contains("cx-signals needs durable checkpoints")
                    .contains("execution.checkpointing.dir");
            assertThat(cluster.rest("/jobs/overview")).doesNotContain("cx-signals");

            FlinkCluster.Result started = cluster.flink("run", "-d",
                    "-Dexecution.checkpointing.dir=" + dir.resolve("checkpoints").toUri(), "-c",
                    SignalsJob.class.getName(), jar.toString(), "--config", properties.toString());
            assertThat(started.exitCode()).as(started.output()).isZero();
            Eventually.within(Duration.ofSeconds(60), () -> {
                String jobs = cluster.rest("/jobs/overview");
                assertThat(jobs).contains("\"name\":\"cx-signals\"").contains("\"state\":\"RUNNING\"");
                String id = jobs.replaceAll(".*\"jid\":\"([0-9a-f]+)\".*", "$1");
                assertThat(cluster.rest("/jobs/" + id + "/checkpoints")).as("a completed checkpoint")
                        .containsPattern("\"completed\":[1-9]");
            });
        }
    }
}
