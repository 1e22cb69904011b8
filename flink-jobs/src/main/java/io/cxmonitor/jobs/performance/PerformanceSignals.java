package io.cxmonitor.jobs.performance;

import io.cxmonitor.domain.performance.Apdex;
import io.cxmonitor.domain.performance.AppHealth;
import io.cxmonitor.domain.performance.WebVitals;
import io.cxmonitor.domain.stats.Samples;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.KeyHash;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import io.cxmonitor.jobs.common.windows.Accumulate;
import io.cxmonitor.jobs.common.windows.MinuteWindows;
import io.cxmonitor.jobs.common.windows.WindowSettings;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Performance as customers meet it (SPEC 3.2): web vitals at p75 per metric and page type, Apdex
 * of API calls per platform and screen, and app health (starts, crashes, ANRs) per platform and
 * app version, per minute.
 */
public final class PerformanceSignals {

    public static final Measurement WEB_VITALS = Measurement.define("cx_web_vitals",
            EnumSet.of(Tag.METRIC, Tag.PAGE_TYPE), "p75", "count", "poor_share", "rating");

    public static final Measurement APDEX = Measurement.define("cx_apdex", EnumSet.of(Tag.PLATFORM, Tag.SCREEN),
            "apdex", "calls", "satisfied", "tolerating", "frustrated", "errors");

    public static final Measurement APP = Measurement.define("cx_app", EnumSet.of(Tag.PLATFORM, Tag.APP_VERSION),
            "app_starts", "crashes", "anrs", "crash_rate");

    /** Two tag values: the key of a performance window (metric and page type, platform and screen...). */
    public record Key(String first, String second) {
        static Key of(Tag firstTag, String first, Tag secondTag, String second) {
            return new Key(firstTag.value(first), secondTag.value(second));
        }

        @Override
        public int hashCode() {
            return KeyHash.of(first, second); // stable across JVMs: it picks the key group
        }
    }

    private PerformanceSignals() {}

    public static DataStream<InfluxPoint> attach(DataStream<CxEvent> digital, WebVitals vitals, double apdexMillis,
            WindowSettings windows) {
        SingleOutputStreamOperator<PerformanceSample> samples = digital
                .filter(PerformanceSample::feeds).name("Performance events")
                .map(PerformanceSample::of).returns(PerformanceSample.class).name("Cut to samples");
        TypeInformation<Key> key = TypeInformation.of(Key.class);

        DataStream<InfluxPoint> vitalPoints = MinuteWindows.tumbling(
                samples.filter(s -> s.kind == PerformanceSample.Kind.VITAL).keyBy(s -> Key.of(Tag.METRIC, s.metric, Tag.PAGE_TYPE, s.place), key),
                windows, Accumulate.of(Samples.class, Samples::new, (acc, s) -> acc.add(s.value), Samples::addAll),
                (k, end, values, out) -> vitalPoint(vitals, k, end, values, out),
                "web-vitals-per-minute", "Web vitals p75 per minute");

        DataStream<InfluxPoint> apdexPoints = MinuteWindows.tumbling(
                samples.filter(s -> s.kind == PerformanceSample.Kind.API_CALL)
                        .keyBy(s -> Key.of(Tag.PLATFORM, s.platform, Tag.SCREEN, s.place), key),
                windows, Accumulate.of(Apdex.class, Apdex::new, (acc, s) -> acc.add(s.value, s.failed, apdexMillis),
                        Apdex::merge),
                PerformanceSignals::apdexPoint, "apdex-per-minute", "Apdex per minute");

        DataStream<InfluxPoint> appPoints = MinuteWindows.tumbling(
                samples.filter(s -> s.appHealth() != null).keyBy(s -> Key.of(Tag.PLATFORM, s.platform, Tag.APP_VERSION, s.appVersion), key),
                windows, Accumulate.of(AppHealth.class, AppHealth::new, (acc, s) -> acc.add(s.appHealth()),
                        AppHealth::merge),
                PerformanceSignals::appPoint, "app-health-per-minute", "App health per minute");

        return vitalPoints.union(apdexPoints, appPoints);
    }

    static void vitalPoint(WebVitals vitals, Key key, long end, Samples s, Consumer<InfluxPoint> out) {
        String metric = key.first();
        double p75 = s.percentile(0.75);
        long poor = 0;
        for (int i = 0; i < s.size; i++) {
            if (vitals.isPoor(metric, s.values[i])) {
                poor++;
            }
        }
        out.accept(WEB_VITALS.point(end)
                .tag(Tag.METRIC, metric)
                .tag(Tag.PAGE_TYPE, key.second())
                .field("p75", p75)
                .field("count", (long) s.size)
                .field("poor_share", poor / (double) s.size)
                .field("rating", vitals.rate(metric, p75).id())
                .build());
    }

    static void apdexPoint(Key key, long end, Apdex a, Consumer<InfluxPoint> out) {
        out.accept(APDEX.point(end)
                .tag(Tag.PLATFORM, key.first())
                .tag(Tag.SCREEN, key.second())
                .field("apdex", a.score())
                .field("calls", a.total())
                .field("satisfied", a.satisfied)
                .field("tolerating", a.tolerating)
                .field("frustrated", a.frustrated)
                .field("errors", a.errors)
                .build());
    }

    static void appPoint(Key key, long end, AppHealth h, Consumer<InfluxPoint> out) {
        out.accept(APP.point(end)
                .tag(Tag.PLATFORM, key.first())
                .tag(Tag.APP_VERSION, key.second())
                .field("app_starts", h.starts)
                .field("crashes", h.crashes)
                .field("anrs", h.anrs)
                .field("crash_rate", h.crashRate())
                .build());
    }
}
