package io.cxmonitor.jobs;

import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.config.CxConfig;
import io.cxmonitor.jobs.config.CxOptions;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Fixtures for integration tests: a configuration of fresh topics and database, and job start-up. */
public final class TestPipelines {

    /** Parallelism of every integration test, so that keying and watermarks cross subtasks. */
    public static final int PARALLELISM = 2;

    private TestPipelines() {}

    /** Fresh topics and database on the shared broker and influxd, and fast update intervals. */
    public static CxConfig freshConfig() {
        return freshConfig(Map.of());
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
        values.put(CxOptions.TOPIC_ALERT_CONTROL.key(), TestNames.unique("cx.alert-control"));
        values.put(CxOptions.INFLUXDB_URL.key(), LocalStackExtension.influx().url());
        values.put(CxOptions.INFLUXDB_DATABASE.key(), TestNames.unique("cx"));
        values.put(CxOptions.INFLUXDB_FLUSH_INTERVAL.key(), "200 ms");
        values.put(CxOptions.WINDOW_UPDATE_INTERVAL.key(), "1 s");
        values.put(CxOptions.CHECKPOINT_INTERVAL.key(), "1 s");
        values.putAll(overrides);
        CxConfig config = CxConfig.load(Map.of(), Map.of(), values);
        List<String> topics = new ArrayList<>();
        for (Stream stream : Stream.values()) {
            topics.add(config.get(CxOptions.topicOf(stream)));
        }
        topics.add(config.get(CxOptions.TOPIC_DEADLETTER));
        topics.add(config.get(CxOptions.TOPIC_EXPERIENCES));
        topics.add(config.get(CxOptions.TOPIC_ALERTS));
        topics.add(config.get(CxOptions.TOPIC_ALERT_CONTROL));
        LocalStackExtension.kafka().createTopics(PARALLELISM, topics);
        return config;
    }

    /** Starts the signals job on the test's MiniCluster; any failure fails the job for good. */
    public static JobClient startSignalsJob(CxConfig config) throws Exception {
        Configuration flink = new Configuration();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        env.setParallelism(PARALLELISM);
        SignalsJob.define(env, config);
        return env.executeAsync(SignalsJob.NAME);
    }
}
