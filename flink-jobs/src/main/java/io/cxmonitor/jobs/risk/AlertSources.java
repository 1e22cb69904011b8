package io.cxmonitor.jobs.risk;

import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.jobs.common.windows.EventTimeWatermarks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Kafka sources of the alerting job, with event time from the records' own timestamps.
 *
 * <p>Experiences and activity keep step in event time (watermark alignment): after a restart, a
 * backfill or a replay, the few experiences would otherwise be read far ahead of the many events
 * of activity, and a customer's experience would be scored before their purchases were seen.
 * Live, both are near the present, and the drift allowed (5 min) is wider than the clamp of a
 * future-dated record ({@code watermark.max-ahead}), so alignment never holds back an alert.
 */
public final class AlertSources {

    private static final String ALIGNED = "cx-alerts-inputs";
    private static final Duration MAX_DRIFT = Duration.ofMinutes(5);

    private AlertSources() {}

    public static DataStream<RiskInput> experiences(StreamExecutionEnvironment env, CxConfig config, String job) {
        return env.fromSource(KafkaTopics.source(config, job, "experiences",
                                List.of(config.get(CxOptions.TOPIC_EXPERIENCES)),
                                new AlertInputs.Experiences(config.eventLimits()), KafkaTopics.WithoutCommit.EARLIEST),
                        aligned(EventTimeWatermarks.of(config, r -> r.ts)), "Kafka: bad experiences")
                .uid("experiences-source");
    }

    public static DataStream<RiskInput> activity(StreamExecutionEnvironment env, CxConfig config, String job) {
        Map<String, Stream> topics = KafkaTopics.inputTopics(config);
        return env.fromSource(KafkaTopics.source(config, job, "activity", new ArrayList<>(topics.keySet()),
                                new AlertInputs.Activity(topics, config.eventLimits()), KafkaTopics.WithoutCommit.EARLIEST),
                        aligned(EventTimeWatermarks.of(config, r -> r.ts)), "Kafka: customer activity")
                .uid("activity-source");
    }

    private static WatermarkStrategy<RiskInput> aligned(WatermarkStrategy<RiskInput> strategy) {
        return strategy.withWatermarkAlignment(ALIGNED, MAX_DRIFT, Duration.ofSeconds(1));
    }

    /**
     * The control messages. They have no event time, and a topic that is quiet for days must not
     * hold back the alerting job's event time (a broadcast input counts in the watermark like any
     * other): the source is marked idle when it has had nothing for {@code watermark.idleness}.
     */
    public static DataStream<String> control(StreamExecutionEnvironment env, CxConfig config, String job) {
        return env.fromSource(KafkaTopics.source(config, job, "control", List.of(config.get(CxOptions.TOPIC_ALERT_CONTROL)),
                                new AlertInputs.Control(), KafkaTopics.WithoutCommit.EARLIEST),
                        WatermarkStrategy.<String>noWatermarks().withIdleness(config.get(CxOptions.WATERMARK_IDLENESS)),
                        "Kafka: alert control")
                .uid("control-source");
    }
}
