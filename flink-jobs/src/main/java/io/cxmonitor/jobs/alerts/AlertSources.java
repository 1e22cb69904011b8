package io.cxmonitor.jobs.alerts;

import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.AlertsJob;
import io.cxmonitor.jobs.config.CxConfig;
import io.cxmonitor.jobs.config.CxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The Kafka sources of the alerting job, with event time from the records' own timestamps. */
public final class AlertSources {

    private AlertSources() {}

    public static DataStream<RiskInput> experiences(StreamExecutionEnvironment env, CxConfig config) {
        KafkaSourceBuilder<RiskInput> source = KafkaSource.<RiskInput>builder()
                .setBootstrapServers(config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setTopics(config.get(CxOptions.TOPIC_EXPERIENCES))
                .setGroupId(group(config, "experiences"))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new AlertInputs.Experiences());
        return env.fromSource(bounded(source, config), watermarks(config), "Kafka: bad experiences")
                .uid("experiences-source");
    }

    public static DataStream<RiskInput> activity(StreamExecutionEnvironment env, CxConfig config) {
        Map<String, Stream> topics = new LinkedHashMap<>();
        for (Stream s : Stream.values()) {
            topics.put(config.get(CxOptions.topicOf(s)), s);
        }
        KafkaSourceBuilder<RiskInput> source = KafkaSource.<RiskInput>builder()
                .setBootstrapServers(config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setTopics(new ArrayList<>(topics.keySet()))
                .setGroupId(group(config, "activity"))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new AlertInputs.Activity(topics));
        return env.fromSource(bounded(source, config), watermarks(config), "Kafka: customer activity")
                .uid("activity-source");
    }

    public static DataStream<String> control(StreamExecutionEnvironment env, CxConfig config) {
        KafkaSourceBuilder<String> source = KafkaSource.<String>builder()
                .setBootstrapServers(config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setTopics(config.get(CxOptions.TOPIC_ALERT_CONTROL))
                .setGroupId(group(config, "control"))
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new AlertInputs.Control());
        return env.fromSource(bounded(source, config), WatermarkStrategy.noWatermarks(), "Kafka: alert control")
                .uid("control-source");
    }

    /** With {@code kafka.bounded}, stops at the end offsets of the start, for backfills and benchmarks. */
    private static <T> KafkaSource<T> bounded(KafkaSourceBuilder<T> builder, CxConfig config) {
        if (config.get(CxOptions.KAFKA_BOUNDED)) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    private static WatermarkStrategy<RiskInput> watermarks(CxConfig config) {
        Duration outOfOrderness = config.get(CxOptions.WATERMARK_OUT_OF_ORDERNESS);
        return WatermarkStrategy.<RiskInput>forBoundedOutOfOrderness(outOfOrderness)
                .withTimestampAssigner((r, kafkaTs) -> r.ts)
                .withIdleness(config.get(CxOptions.WATERMARK_IDLENESS));
    }

    private static String group(CxConfig config, String input) {
        return config.get(CxOptions.KAFKA_GROUP_ID) + "-" + AlertsJob.NAME + "-" + input;
    }
}
