package io.cxmonitor.jobs;

import io.cxmonitor.jobs.common.config.ConfigException;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * What every job's {@code main} does under {@code flink run}: settings from the arguments and the
 * environment, a bad one refused before anything starts (exit code 2, a message naming the key
 * and the fix), then the job defined and executed with an exponential-delay restart strategy.
 *
 * <p>A cluster that keeps checkpoints in the JobManager's memory (Flink's default without
 * {@code execution.checkpointing.dir}) is refused the same way: such checkpoints hold at most
 * 5 MB of state, so the signals fail every checkpoint and restart for ever on real traffic.
 */
final class JobLauncher {

    /** Adds a job's operators to the environment; may refuse its settings with a {@link ConfigException}. */
    interface Definition {
        void define(StreamExecutionEnvironment env, CxConfig config);
    }

    private JobLauncher() {}

    static void run(String name, String[] args, Definition job) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        try {
            requireDurableCheckpoints(name, env.getConfiguration());
            job.define(env, CxConfig.fromArgs(args, System.getenv()));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        env.configure(restarts);
        env.execute(name);
    }

    /**
     * The number of key groups of every keyed state unless the cluster sets
     * {@code pipeline.max-parallelism}: the most subtasks a job can ever be rescaled to, fixed once
     * it has state. 128 is what Flink chose by itself for these jobs before it was set, so their
     * savepoints restore; it keeps rescaling open to 128 subtasks a job.
     */
    static final int MAX_PARALLELISM = 128;

    /**
     * State as every job keeps it. Checkpoints at the configured interval, kept when the job is
     * cancelled (the way back after a mistaken cancel), and a failed checkpoint tolerated rather
     * than a reason to restart: a checkpoint fails when a sink cannot flush, and a restart would
     * only replay what the sink is waiting for. An explicit maximum parallelism, so that state can
     * be rescaled later.
     */
    static void stateful(StreamExecutionEnvironment env, CxConfig config) {
        if (env.getConfiguration().getOptional(PipelineOptions.MAX_PARALLELISM).isEmpty()) {
            env.setMaxParallelism(MAX_PARALLELISM);
        }
        env.enableCheckpointing(config.get(CxOptions.CHECKPOINT_INTERVAL).toMillis());
        env.getCheckpointConfig().setExternalizedCheckpointRetention(
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        env.getCheckpointConfig().setTolerableCheckpointFailureNumber(Integer.MAX_VALUE);
    }

    static void requireDurableCheckpoints(String job, ReadableConfig flink) {
        String storage = flink.get(CheckpointingOptions.CHECKPOINT_STORAGE);
        String dir = flink.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY);
        boolean inJobManagerMemory = storage == null ? dir == null || dir.isBlank() : storage.equalsIgnoreCase("jobmanager");
        if (inJobManagerMemory) {
            throw new ConfigException(job + " needs durable checkpoints, but this Flink configuration keeps them in the "
                    + "JobManager's memory, which holds at most 5 MB of state: the job would fail its checkpoints and "
                    + "restart for ever. Fix: set " + CheckpointingOptions.CHECKPOINTS_DIRECTORY.key() + " to a "
                    + "directory every Flink process can reach (e.g. s3://bucket/checkpoints, hdfs:///flink/checkpoints, "
                    + "or file:///shared/checkpoints on one machine) in the cluster's config.yaml, or pass "
                    + "-D" + CheckpointingOptions.CHECKPOINTS_DIRECTORY.key() + "=... to flink run"
                    + (storage == null ? "" : ", and remove " + CheckpointingOptions.CHECKPOINT_STORAGE.key()
                            + ": jobmanager") + ".");
        }
    }
}
