package io.cxmonitor.jobs;

import io.cxmonitor.events.DeadLetter;
import io.cxmonitor.jobs.common.config.ConfigException;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.influx.PointsTopic;
import io.cxmonitor.jobs.common.influx.RetryPolicy;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.jobs.ingest.DeadLetterSerializer;
import io.cxmonitor.jobs.notify.AlertBudget;
import io.cxmonitor.jobs.notify.DeliverNotifications;
import io.cxmonitor.jobs.notify.DeliveryResult;
import io.cxmonitor.jobs.notify.Notification;
import io.cxmonitor.jobs.notify.NotificationReader;
import io.cxmonitor.jobs.notify.NotificationSignals;
import io.cxmonitor.jobs.notify.Route;
import io.cxmonitor.jobs.notify.Routes;
import io.cxmonitor.jobs.notify.SplitNotifyDeadLetters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Delivers the alerts of {@code cx.alerts} to the configured routes: a generic webhook signed
 * with HMAC-SHA256 over a timestamp and the body, PagerDuty Events API v2, Slack. A job of its
 * own, so that a slow or dead receiver never holds back the signals or the alert topic; each
 * outcome is counted in Flink metrics and on the dashboards ({@code cx_notifications}, through
 * {@code cx.points}). A record on the alert topic that is not an alert goes to
 * {@code cx.notify-deadletter} with the reason. At least once: receivers de-duplicate on
 * {@code alert_id} (webhook) or {@code dedup_key} (PagerDuty).
 */
public final class NotifyJob {

    public static final String NAME = "cx-notify";

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

    /**
     * The routes of {@code notify.routes}, validated; empty when none is configured. Only this job
     * reads the file, so only this job refuses to start when it is missing.
     */
    public static List<Route> routes(CxConfig config, Map<String, String> env) {
        String file = config.get(CxOptions.NOTIFY_ROUTES);
        if (file.isBlank()) {
            return List.of();
        }
        if (!Files.isReadable(Path.of(file))) {
            throw new ConfigException("Invalid configuration: " + CxOptions.NOTIFY_ROUTES.key() + " = '" + file
                    + "' is not a readable file. Fix: give the path of a routes file (see the README, Alerts).");
        }
        return Routes.load(Path.of(file), env);
    }

    public static void define(StreamExecutionEnvironment env, CxConfig config, List<Route> routes) {
        if (routes.isEmpty()) {
            throw new IllegalArgumentException("no notification routes: set notify.routes to a routes file");
        }
        JobLauncher.stateful(env, config);
        env.setBufferTimeout(5);
        // Each route reads its topic on its own: a dead Slack holds back only Slack, never PagerDuty.
        // A route without committed offsets starts at what was published since the job was defined, not
        // at a week of history.
        DataStream<DeliveryResult> results = null;
        DataStream<DeadLetter> notAlerts = null;
        for (Route route : routes) {
            boolean incidents = route.receives().incidents();
            String what = incidents ? "incidents" : "alerts";
            SingleOutputStreamOperator<Notification> received = env.fromSource(
                            KafkaTopics.source(config, NAME, route.name(),
                                    List.of(config.get(incidents ? CxOptions.TOPIC_INCIDENTS : CxOptions.TOPIC_ALERTS)),
                                    incidents ? NotificationReader.incidents() : NotificationReader.alerts(),
                                    KafkaTopics.WithoutCommit.SINCE_DEFINED),
                            WatermarkStrategy.noWatermarks(), "Kafka: " + what + " for " + route.name())
                    .uid(what + "-source-" + route.name())
                    .process(new SplitNotifyDeadLetters())
                    .uid("split-not-" + what + "-" + route.name())
                    .name("Split off what is not one of the " + what);
            DataStream<DeliveryResult> delivered = deliver(forRoute(received, route), route, config);
            DataStream<DeadLetter> refused = received.getSideOutput(SplitNotifyDeadLetters.DEAD_LETTERS);
            results = results == null ? delivered : results.union(delivered);
            notAlerts = notAlerts == null ? refused : notAlerts.union(refused);
        }
        notAlerts.sinkTo(KafkaTopics.sink(config, config.get(CxOptions.TOPIC_NOTIFY_DEADLETTER),
                        KafkaTopics.unkeyed(), new DeadLetterSerializer()))
                .uid("notify-dead-letter-sink")
                .name("Kafka: records that are not alerts");
        NotificationSignals.points(results, config)
                .sinkTo(PointsTopic.sink(config))
                .uid("points-sink")
                .name("Kafka: points");
    }

    /**
     * What the route receives: its incidents, or its anomalies; or the customer alerts of its
     * severity and priority, within its budget a minute and the rest in digests.
     */
    public static DataStream<Notification> forRoute(DataStream<Notification> received, Route route) {
        if (route.receives().incidents()) {
            return received.filter(n -> n.incident != null && route.takes(n.incident))
                    .name("The " + route.receives().id() + " for " + route.name());
        }
        if (route.maxPerMinute() == 0) {
            return received.filter(n -> n.alert != null && route.takes(n.alert)).name("Alerts for " + route.name());
        }
        // a forgotten customer's alerts that wait for a digest go with them (SPEC 8)
        DataStream<Notification> taken = received.filter(n -> n.alert != null && route.takes(n.alert) || n.forgotten != null)
                .name("Alerts for " + route.name() + ", and forgotten customers");
        return taken.keyBy(n -> route.name(), Types.STRING)
                .process(new AlertBudget(route.maxPerMinute()))
                .uid("budget-" + route.name())
                .name("Budget of " + route.name() + ": " + route.maxPerMinute() + " a minute, the rest in digests");
    }

    /** Sends each notification to the route, many at a time, retried as configured; one result per delivery. */
    public static DataStream<DeliveryResult> deliver(DataStream<Notification> notifications, Route route,
            CxConfig config) {
        Duration retry = config.get(CxOptions.NOTIFY_RETRY_TIMEOUT);
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), retry);
        // no operator timeout when retrying until delivered; in-flight notifications are part of every checkpoint
        long timeout = retry.isZero() ? 0 : retry.toMillis() + 30_000;
        return AsyncDataStream.unorderedWait(notifications,
                        new DeliverNotifications(route, policy, config.get(CxOptions.NOTIFY_MAX_AGE)), timeout,
                        TimeUnit.MILLISECONDS, 100)
                .uid("deliver-alerts-" + route.name())
                .name("Deliver to " + route.name());
    }
}
