package io.cxmonitor.jobs;

import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.jobs.config.ConfigException;
import io.cxmonitor.jobs.config.CxConfig;
import io.cxmonitor.jobs.config.CxOptions;
import io.cxmonitor.jobs.notify.DeliverAlerts;
import io.cxmonitor.jobs.notify.DeliveryResult;
import io.cxmonitor.jobs.notify.DeliveryStats;
import io.cxmonitor.jobs.notify.Route;
import io.cxmonitor.jobs.notify.Routes;
import io.cxmonitor.jobs.sink.InfluxPoint;
import io.cxmonitor.jobs.sink.InfluxSettings;
import io.cxmonitor.jobs.sink.InfluxSink;
import io.cxmonitor.jobs.sink.Measurement;
import io.cxmonitor.jobs.sink.RetryPolicy;
import io.cxmonitor.jobs.sink.Tag;
import io.cxmonitor.jobs.time.MinuteWindows;
import io.cxmonitor.jobs.time.WindowSettings;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * Delivers the alerts of {@code cx.alerts} to the configured routes: a generic webhook signed
 * with HMAC-SHA256, PagerDuty Events API v2, Slack. A job of its own, so that a slow or dead
 * receiver never holds back the signals or the alert topic; each outcome is counted in Flink
 * metrics and in InfluxDB ({@code cx_notifications}). At least once: receivers de-duplicate on
 * {@code alert_id} (webhook) or {@code dedup_key} (PagerDuty).
 */
public final class NotifyJob {

    public static final String NAME = "cx-notify";

    public static final Measurement NOTIFICATIONS = Measurement.define("cx_notifications",
            EnumSet.of(Tag.ROUTE, Tag.OUTCOME), "count", "attempts", "latency_p50_ms", "latency_p99_ms");

    private NotifyJob() {}

    public static void main(String[] args) throws Exception {
        JobLauncher.run(NAME, args, (env, config) -> {
            List<Route> routes = routes(config, System.getenv());
            if (routes.isEmpty()) {
                throw new ConfigException(CxOptions.NOTIFY_ROUTES.key() + " is empty: " + NAME + " has nowhere to "
                        + "deliver alerts. Fix: set it to a routes file (see the README, Alerts).");
            }
            define(env, config, routes);
        });
    }

    /** The routes of {@code notify.routes}, validated; empty when none is configured. */
    public static List<Route> routes(CxConfig config, Map<String, String> env) {
        String file = config.get(CxOptions.NOTIFY_ROUTES);
        return file.isBlank() ? List.of() : Routes.load(Path.of(file), env);
    }

    public static void define(StreamExecutionEnvironment env, CxConfig config, List<Route> routes) {
        env.enableCheckpointing(config.get(CxOptions.CHECKPOINT_INTERVAL).toMillis());
        env.setBufferTimeout(5);
        Duration retry = config.get(CxOptions.NOTIFY_RETRY_TIMEOUT);
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), retry);
        // Each route reads the topic on its own: a dead Slack holds back only Slack, never PagerDuty.
        DataStream<DeliveryResult> results = null;
        for (Route route : routes) {
            KafkaSource<Alert> source = KafkaSource.<Alert>builder()
                    .setBootstrapServers(config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS))
                    .setTopics(config.get(CxOptions.TOPIC_ALERTS))
                    .setGroupId(config.get(CxOptions.KAFKA_GROUP_ID) + "-" + NAME + "-" + route.name())
                    .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                    .setDeserializer(new AlertReader())
                    .build();
            DataStream<Alert> alerts = env.fromSource(source, WatermarkStrategy.noWatermarks(), "Kafka: alerts for " + route.name())
                    .uid("alerts-source-" + route.name());
            // no operator timeout when retrying until delivered; in-flight alerts are part of every checkpoint
            long timeout = retry.isZero() ? 0 : retry.toMillis() + 30_000;
            DataStream<DeliveryResult> delivered = AsyncDataStream.unorderedWait(alerts,
                            new DeliverAlerts(List.of(route), policy), timeout, TimeUnit.MILLISECONDS, 100)
                    .uid("deliver-alerts-" + route.name())
                    .name("Deliver alerts to " + route.name());
            results = results == null ? delivered : results.union(delivered);
        }
        if (results == null) {
            throw new IllegalArgumentException("no notification routes: set notify.routes to a routes file");
        }
        MinuteWindows.tumbling(results
                                .assignTimestampsAndWatermarks(WatermarkStrategy
                                        .<DeliveryResult>forBoundedOutOfOrderness(config.get(CxOptions.WATERMARK_OUT_OF_ORDERNESS))
                                        .withTimestampAssigner((r, ts) -> r.alertTs)
                                        .withIdleness(config.get(CxOptions.WATERMARK_IDLENESS)))
                                .keyBy(r -> MinuteWindows.key(r.route, r.outcome), Types.STRING),
                        WindowSettings.from(config), new CountDeliveries(), new DeliveryPoint(),
                        "notifications-per-minute", "Notifications per minute")
                .sinkTo(new InfluxSink(InfluxSettings.from(config)))
                .uid("notifications-influxdb-sink")
                .name("InfluxDB: notifications");
    }

    /** Deliveries, attempts and delivery latencies of a minute (by the alerts' event time). */
    static final class CountDeliveries implements AggregateFunction<DeliveryResult, DeliveryStats, DeliveryStats> {
        @Override
        public DeliveryStats createAccumulator() {
            return new DeliveryStats();
        }

        @Override
        public DeliveryStats add(DeliveryResult r, DeliveryStats acc) {
            return acc.add(r);
        }

        @Override
        public DeliveryStats getResult(DeliveryStats acc) {
            return acc;
        }

        @Override
        public DeliveryStats merge(DeliveryStats a, DeliveryStats b) {
            return a.merge(b);
        }
    }

    static final class DeliveryPoint extends ProcessWindowFunction<DeliveryStats, InfluxPoint, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<DeliveryStats> results, Collector<InfluxPoint> out) {
            DeliveryStats s = results.iterator().next();
            out.collect(NOTIFICATIONS.point(ctx.window().getEnd())
                    .tag(Tag.ROUTE, MinuteWindows.part(key, 0))
                    .tag(Tag.OUTCOME, MinuteWindows.part(key, 1))
                    .field("count", s.count)
                    .field("attempts", s.attempts)
                    .field("latency_p50_ms", s.latencyMillis.percentile(0.5))
                    .field("latency_p99_ms", s.latencyMillis.percentile(0.99))
                    .build());
        }
    }

    /** Skips what is not an alert: the alert topic is ours, but a bad record must not stop delivery. */
    static final class AlertReader implements KafkaRecordDeserializationSchema<Alert> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Alert> out) throws IOException {
            try {
                out.collect(AlertJson.read(record.value()));
            } catch (IOException e) {
                // counted by the source's records-in metric less this operator's output
            }
        }

        @Override
        public TypeInformation<Alert> getProducedType() {
            return Types.POJO(Alert.class);
        }
    }
}
