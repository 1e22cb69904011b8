package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmonitor.jobs.common.config.ConfigException;
import io.cxmonitor.jobs.common.config.CxConfig;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class JobLauncherTest {

    @Test
    void aClusterThatKeepsCheckpointsInTheJobManagersMemoryIsRefusedWithTheFix() {
        assertThatThrownBy(() -> JobLauncher.requireDurableCheckpoints("cx-signals", new Configuration()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cx-signals needs durable checkpoints")
                .hasMessageContaining("execution.checkpointing.dir");
        Configuration jobManager = new Configuration();
        jobManager.set(CheckpointingOptions.CHECKPOINT_STORAGE, "jobmanager");
        jobManager.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "file:///tmp/checkpoints");
        assertThatThrownBy(() -> JobLauncher.requireDurableCheckpoints("cx-alerts", jobManager))
                .hasMessageContaining("remove execution.checkpointing.storage: jobmanager");
    }

    @Test
    void aCheckpointDirectoryIsDurable() {
        Configuration files = new Configuration();
        files.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "s3://bucket/checkpoints");
        assertThatCode(() -> JobLauncher.requireDurableCheckpoints("cx-signals", files)).doesNotThrowAnyException();
    }

    @Test
    void everyJobHasAnExplicitMaximumParallelismUnlessTheClusterSetsOne() {
        StreamExecutionEnvironment unset = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        JobLauncher.stateful(unset, CxConfig.defaults());
        assertThat(unset.getMaxParallelism()).isEqualTo(JobLauncher.MAX_PARALLELISM);

        Configuration cluster = new Configuration();
        cluster.set(PipelineOptions.MAX_PARALLELISM, 720);
        StreamExecutionEnvironment set = StreamExecutionEnvironment.getExecutionEnvironment(cluster);
        JobLauncher.stateful(set, CxConfig.defaults());
        assertThat(set.getMaxParallelism()).isEqualTo(720);
    }
}
