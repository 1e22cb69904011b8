package io.cxmonitor.jobs.notify;

import io.cxmonitor.events.KeyHash;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import io.cxmonitor.jobs.common.windows.Accumulate;
import io.cxmonitor.jobs.common.windows.EventTimeWatermarks;
import io.cxmonitor.jobs.common.windows.MinuteWindows;
import io.cxmonitor.jobs.common.windows.WindowSettings;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/** How notifications went, per minute of the alerts' event time, route and outcome: {@code cx_notifications}. */
public final class NotificationSignals {

    public static final Measurement NOTIFICATIONS = Measurement.define("cx_notifications",
            EnumSet.of(Tag.ROUTE, Tag.OUTCOME), "count", "attempts", "latency_p50_ms", "latency_p99_ms");

    /** A route and an outcome: the key of the counts. */
    public record Outcome(String route, String outcome) {
        static Outcome of(DeliveryResult r) {
            return new Outcome(r.route, r.outcome);
        }

        @Override
        public int hashCode() {
            return KeyHash.of(route, outcome); // stable across JVMs: it picks the key group
        }
    }

    private NotificationSignals() {}

    public static DataStream<InfluxPoint> points(DataStream<DeliveryResult> results, CxConfig config) {
        return MinuteWindows.tumbling(results
                        .assignTimestampsAndWatermarks(EventTimeWatermarks.of(config, r -> r.alertTs))
                        .keyBy(Outcome::of, TypeInformation.of(Outcome.class)),
                WindowSettings.from(config),
                Accumulate.of(DeliveryStats.class, DeliveryStats::new, DeliveryStats::add, DeliveryStats::merge),
                NotificationSignals::point, "notifications-per-minute", "Notifications per minute");
    }

    static void point(Outcome o, long end, DeliveryStats s, Consumer<InfluxPoint> out) {
        out.accept(NOTIFICATIONS.point(end)
                .tag(Tag.ROUTE, o.route())
                .tag(Tag.OUTCOME, o.outcome())
                .field("count", s.count)
                .field("attempts", s.attempts)
                .field("latency_p50_ms", s.latencyMillis.percentile(0.5))
                .field("latency_p99_ms", s.latencyMillis.percentile(0.99))
                .build());
    }
}
