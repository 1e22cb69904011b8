package io.cxmonitor.jobs;

import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.influx.InfluxSettings;
import io.cxmonitor.jobs.common.influx.InfluxSink;
import io.cxmonitor.jobs.common.influx.PointsTopic;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The InfluxDB writer: reads the dashboard points every job publishes on {@code cx.points} and
 * writes them to InfluxDB, at least once. The only job that talks to InfluxDB, so that an InfluxDB
 * outage or hang of any length holds back nothing but itself: Kafka keeps the points, and they
 * are all written once InfluxDB answers again (their timestamps are deterministic, so a point
 * written twice is written once).
 */
public final class InfluxJob {

    public static final String NAME = "cx-influx";

    private InfluxJob() {}

    public static void main(String[] args) throws Exception {
        JobLauncher.run(NAME, args, InfluxJob::define);
    }

    public static void define(StreamExecutionEnvironment env, CxConfig config) {
        JobLauncher.stateful(env, config);
        env.fromSource(KafkaTopics.source(config, NAME, "", List.of(config.get(CxOptions.TOPIC_POINTS)),
                                new PointsTopic.Reader(), KafkaTopics.WithoutCommit.EARLIEST),
                        WatermarkStrategy.noWatermarks(), "Kafka: points")
                .uid("points-source")
                .sinkTo(new InfluxSink(InfluxSettings.from(config)))
                .uid("influxdb-sink")
                .name("InfluxDB");
    }
}
