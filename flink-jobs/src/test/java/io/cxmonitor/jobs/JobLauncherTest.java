package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmonitor.jobs.common.config.ConfigException;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
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
}
