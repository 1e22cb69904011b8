package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestNames;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/** Fixtures for integration tests: a configuration of fresh topics and database, and job start-up. */
public final class TestPipelines {

    /** Parallelism of every integration test, so that keying and watermarks cross subtasks. */
    public static final int PARALLELISM = 2;

    private TestPipelines() {}

    /** Fresh topics and database on the shared broker and influxd, and fast update intervals. */
    public static CxConfig freshConfig() {
        return freshConfig(Map.of());
    }

    /**
     * No requests to forget a customer, for a pipeline tested without them: made from the
     * pipeline's own input, so that it moves in event time with it and ends with it. A source of
     * its own could start late, hold event time at its start until the input had ended, and then
     * jump it to the end of time, where open sessions are never closed.
     */
    public static <T> DataStream<ForgetRequest> noRequests(DataStream<T> input) {
        return input.flatMap(new NoRequests<T>()).returns(ForgetRequest.class).name("No requests to forget");
    }

    private static final class NoRequests<T> implements FlatMapFunction<T, ForgetRequest> {
        @Override
        public void flatMap(T element, Collector<ForgetRequest> out) {}
    }

    /** {@link #freshConfig()} with some settings changed. */
    public static CxConfig freshConfig(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CxOptions.KAFKA_BOOTSTRAP_SERVERS.key(), LocalStackExtension.kafka().bootstrapServers());
        values.put(CxOptions.KAFKA_GROUP_ID.key(), TestNames.unique("group"));
        for (Stream stream : Stream.values()) {
            values.put(CxOptions.topicOf(stream).key(), TestNames.unique("cx." + stream.id()));
        }
        values.put(CxOptions.TOPIC_DEADLETTER.key(), TestNames.unique("cx.deadletter"));
        values.put(CxOptions.TOPIC_EXPERIENCES.key(), TestNames.unique("cx.experiences"));
        values.put(CxOptions.TOPIC_ALERTS.key(), TestNames.unique("cx.alerts"));
        values.put(CxOptions.TOPIC_INCIDENTS.key(), TestNames.unique("cx.incidents"));
        values.put(CxOptions.TOPIC_ALERT_CONTROL.key(), TestNames.unique("cx.alert-control"));
        values.put(CxOptions.TOPIC_POINTS.key(), TestNames.unique("cx.points"));
        values.put(CxOptions.TOPIC_NOTIFY_DEADLETTER.key(), TestNames.unique("cx.notify-deadletter"));
        values.put(CxOptions.TOPIC_PRIVACY.key(), TestNames.unique("cx.privacy"));
        values.put(CxOptions.INFLUXDB_URL.key(), LocalStackExtension.influx().url());
        values.put(CxOptions.INFLUXDB_DATABASE.key(), TestNames.unique("cx"));
        values.put(CxOptions.INFLUXDB_FLUSH_INTERVAL.key(), "200 ms");
        values.put(CxOptions.WINDOW_UPDATE_INTERVAL.key(), "1 s");
        values.put(CxOptions.CHECKPOINT_INTERVAL.key(), "1 s");
        values.put(CxOptions.PRIVACY_PSEUDONYM_SECRET.key(), "a test secret, long enough");
        values.putAll(overrides);
        CxConfig config = CxConfig.load(Map.of(), Map.of(), values);
        LocalStackExtension.kafka().createTopics(PARALLELISM, KafkaTopics.all(config));
        return config;
    }

    /**
     * Starts the signals job, and the InfluxDB writer that takes its points to InfluxDB, on the
     * test's MiniCluster (three slots); any failure fails a job for good.
     */
    public static JobClient startSignalsJob(CxConfig config) throws Exception {
        startInfluxJob(config);
        return start(SignalsJob.NAME, PARALLELISM, env -> SignalsJob.define(env, config));
    }

    /** Starts the InfluxDB writer at parallelism 1 (one slot). */
    public static JobClient startInfluxJob(CxConfig config) throws Exception {
        return start(InfluxJob.NAME, 1, env -> InfluxJob.define(env, config));
    }

    /** Starts a job without restarts: in a test, a failure is a failure. */
    public static JobClient start(String name, int parallelism, Consumer<StreamExecutionEnvironment> job)
            throws Exception {
        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(parallelism);
        job.accept(env);
        return env.executeAsync(name);
    }

    /** Fails with the job's own failure when a job is not running any more; returns 0 to add to a figure. */
    /**
     * Waits until {@code job} has committed at least {@code count} records of its {@code input}
     * (see {@link KafkaTopics#groupId}): a job commits offsets once a checkpoint holds what it read,
     * so those records have reached every operator of the job.
     */
    public static void awaitCommitted(CxConfig config, String job, String input, long count, Duration timeout)
            throws Exception {
        String group = KafkaTopics.groupId(config, job, input);
        try (Admin admin = LocalStackExtension.kafka().admin()) {
            Eventually.within(timeout, () -> assertThat(admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get().values().stream().mapToLong(OffsetAndMetadata::offset).sum())
                    .as("records committed by %s", group).isGreaterThanOrEqualTo(count));
        }
    }

    public static int assertRunning(List<JobClient> jobs) throws Exception {
        for (JobClient job : jobs) {
            JobStatus status = job.getJobStatus().get();
            if (status != JobStatus.RUNNING) {
                try {
                    job.getJobExecutionResult().get();
                } catch (ExecutionException e) {
                    throw new AssertionError("job " + job.getJobID() + " is " + status, e.getCause());
                }
                throw new AssertionError("job " + job.getJobID() + " is " + status);
            }
        }
        return 0;
    }

    /** Cancels the jobs still running, leaving a test's own failure to speak. */
    public static void cancel(List<JobClient> jobs) throws Exception {
        for (JobClient job : jobs) {
            if (!job.getJobStatus().get().isGloballyTerminalState()) {
                job.cancel().get();
            }
        }
    }
}
