package io.cxmonitor.jobs.friction;

import io.cxmonitor.domain.friction.FrictionCounts;
import io.cxmonitor.domain.friction.FrictionEvent;
import io.cxmonitor.domain.friction.FrictionSignal;
import io.cxmonitor.events.KeyHash;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import io.cxmonitor.jobs.common.windows.Accumulate;
import io.cxmonitor.jobs.common.windows.MinuteWindows;
import io.cxmonitor.jobs.common.windows.WindowSettings;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Friction (SPEC 3.2) per minute, by touchpoint, page type or screen, and platform: rage, error
 * and dead clicks, errors, slow calls, poor vitals, crashes and ANRs, as the sessions find them
 * (see {@code journeys}), each in the minute of the event behind it.
 */
public final class FrictionSignals {

    public static final Measurement FRICTION = Measurement.define("cx_friction",
            EnumSet.of(Tag.TOUCHPOINT, Tag.PAGE_TYPE, Tag.SCREEN, Tag.PLATFORM),
            "rage_clicks", "rage_click_clicks", "error_clicks", "dead_clicks", "js_errors", "http_errors",
            "api_errors", "slow_api_calls", "form_errors", "poor_vitals", "anrs", "crashes", "errors");

    /** Where friction happened: the key of its windows. */
    public record Where(String touchpoint, String place, String platform) {
        static Where of(FrictionEvent f) {
            Tag place = "app".equals(f.touchpoint) ? Tag.SCREEN : Tag.PAGE_TYPE;
            return new Where(f.touchpoint, place.value(f.place), f.platform == null ? "" : Tag.PLATFORM.value(f.platform));
        }

        @Override
        public int hashCode() {
            return KeyHash.of(touchpoint, place, platform); // stable across JVMs: it picks the key group
        }
    }

    private FrictionSignals() {}

    /**
     * @param emittedWithin how long after it happened friction may come out (a rage click is known
     *     when its burst ends, at the latest when its session closes)
     */
    public static DataStream<InfluxPoint> points(DataStream<FrictionEvent> friction, Duration emittedWithin,
            WindowSettings windows) {
        return MinuteWindows.tumblingByOwnTime(friction.keyBy(Where::of, TypeInformation.of(Where.class)),
                f -> f.ts, emittedWithin, windows,
                Accumulate.of(FrictionCounts.class, FrictionCounts::new, FrictionCounts::add, FrictionCounts::merge),
                FrictionSignals::points, "friction-per-minute", "Friction per minute");
    }

    static void points(Where where, long end, FrictionCounts c, Consumer<InfluxPoint> out) {
        Measurement.Builder p = FRICTION.point(end)
                .tag(Tag.TOUCHPOINT, where.touchpoint())
                .tag(where.touchpoint().equals("app") ? Tag.SCREEN : Tag.PAGE_TYPE, where.place());
        if (!where.platform().isEmpty()) {
            p.tag(Tag.PLATFORM, where.platform());
        }
        out.accept(p.field("rage_clicks", c.count(FrictionSignal.RAGE_CLICK))
                .field("rage_click_clicks", c.rageClickClicks)
                .field("error_clicks", c.count(FrictionSignal.ERROR_CLICK))
                .field("dead_clicks", c.count(FrictionSignal.DEAD_CLICK))
                .field("js_errors", c.count(FrictionSignal.JS_ERROR))
                .field("http_errors", c.count(FrictionSignal.HTTP_ERROR))
                .field("api_errors", c.count(FrictionSignal.API_ERROR))
                .field("slow_api_calls", c.count(FrictionSignal.SLOW_API))
                .field("form_errors", c.count(FrictionSignal.FORM_ERROR))
                .field("poor_vitals", c.count(FrictionSignal.POOR_VITAL))
                .field("anrs", c.count(FrictionSignal.ANR))
                .field("crashes", c.count(FrictionSignal.CRASH))
                .field("errors", c.errors())
                .build());
    }
}
