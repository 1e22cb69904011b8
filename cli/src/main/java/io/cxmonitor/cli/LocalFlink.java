package io.cxmonitor.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/** A Flink local cluster in this JVM, with its web UI, that runs several jobs side by side. */
public final class LocalFlink implements AutoCloseable {

    private final MiniCluster cluster;
    private final int uiPort;
    private final int parallelism;

    private LocalFlink(MiniCluster cluster, int uiPort, int parallelism) {
        this.cluster = cluster;
        this.uiPort = uiPort;
        this.parallelism = parallelism;
    }

    public static LocalFlink start(int uiPort, int slots, int parallelism, Path checkpoints) throws Exception {
        return start(uiPort, slots, parallelism, checkpoints, null);
    }

    /**
     * @param metrics where Flink reports its own metrics (checkpoints, back-pressure, consumer
     *     lag), or null for nowhere
     */
    static LocalFlink start(int uiPort, int slots, int parallelism, Path checkpoints, FlinkMetricsReporter metrics)
            throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.PORT, uiPort);
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        MiniClusterConfiguration.Builder builder = new MiniClusterConfiguration.Builder()
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots);
        if (metrics != null) {
            metrics.configure(conf);
            builder.setPluginManager(metrics.pluginManager(conf));
        }
        MiniCluster cluster = new MiniCluster(builder.setConfiguration(conf).build());
        cluster.start();
        return new LocalFlink(cluster, uiPort, parallelism);
    }

    /** Builds a job with {@code definition} and submits it; returns at once. */
    public JobID submit(String name, Consumer<StreamExecutionEnvironment> definition) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        definition.accept(env);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        graph.setJobId(new JobID());
        return cluster.submitJob(graph).get(60, TimeUnit.SECONDS).getJobID();
    }

    /** Name and status of every job, e.g. {@code cx-signals RUNNING}. */
    List<String> jobs() throws Exception {
        return cluster.listJobs().get(10, TimeUnit.SECONDS).stream()
                .map(JobStatusMessage::toString)
                .collect(Collectors.toList());
    }

    List<JobStatusMessage> jobStatuses() throws Exception {
        return List.copyOf(cluster.listJobs().get(10, TimeUnit.SECONDS));
    }

    String uiUrl() {
        return "http://127.0.0.1:" + uiPort;
    }

    /** Cancels every running job and waits for it to end, then stops the cluster. */
    @Override
    public void close() throws Exception {
        try {
            for (JobStatusMessage job : cluster.listJobs().get(10, TimeUnit.SECONDS)) {
                if (!job.getJobState().isGloballyTerminalState()) {
                    cluster.cancelJob(job.getJobId()).get(30, TimeUnit.SECONDS);
                }
            }
            for (JobStatusMessage job : cluster.listJobs().get(10, TimeUnit.SECONDS)) {
                cluster.requestJobResult(job.getJobId()).get(30, TimeUnit.SECONDS);
            }
        } finally {
            cluster.close();
        }
    }
}
