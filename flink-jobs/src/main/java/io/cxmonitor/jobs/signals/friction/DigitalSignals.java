package io.cxmonitor.jobs.signals.friction;

import static io.cxmonitor.jobs.time.MinuteWindows.key;
import static io.cxmonitor.jobs.time.MinuteWindows.part;

import io.cxmonitor.domain.experience.BadExperience;
import io.cxmonitor.domain.friction.Apdex;
import io.cxmonitor.domain.friction.FrictionCounts;
import io.cxmonitor.domain.friction.FrictionEvent;
import io.cxmonitor.domain.friction.FrictionRules;
import io.cxmonitor.domain.friction.FrictionSignal;
import io.cxmonitor.domain.friction.SessionRating;
import io.cxmonitor.domain.friction.WebVitals;
import io.cxmonitor.domain.journey.Funnel;
import io.cxmonitor.domain.journey.JourneyStats;
import io.cxmonitor.domain.journey.SessionAnalyzer;
import io.cxmonitor.domain.journey.SessionSummary;
import io.cxmonitor.domain.stats.Samples;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.jobs.sink.InfluxPoint;
import io.cxmonitor.jobs.sink.Measurement;
import io.cxmonitor.jobs.sink.Tag;
import io.cxmonitor.jobs.time.MinuteWindows;
import io.cxmonitor.jobs.time.WindowSettings;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The web and app signals: friction (SPEC 3.2), journeys and abandonment (SPEC 3.3), web vitals at
 * p75, Apdex and app health, and the bad experiences of sessions.
 */
public final class DigitalSignals {

    public static final Measurement FRICTION = Measurement.define("cx_friction",
            EnumSet.of(Tag.TOUCHPOINT, Tag.PAGE_TYPE, Tag.SCREEN, Tag.PLATFORM),
            "rage_clicks", "rage_click_clicks", "error_clicks", "dead_clicks", "js_errors", "http_errors",
            "api_errors", "slow_api_calls", "form_errors", "poor_vitals", "anrs", "crashes", "errors");

    public static final Measurement JOURNEYS = Measurement.define("cx_journeys", EnumSet.of(Tag.TOUCHPOINT),
            "sessions", "conversions", "conversion_rate", "carts", "abandoned", "abandonment_rate", "cart_value_at_risk",
            "satisfying", "tolerating", "frustrating", "frustrating_share");

    public static final Measurement FUNNEL = Measurement.define("cx_funnel", EnumSet.of(Tag.TOUCHPOINT, Tag.STEP),
            "reached", "step_conversion", "abandoned", "cart_value_at_risk");

    public static final Measurement WEB_VITALS = Measurement.define("cx_web_vitals",
            EnumSet.of(Tag.METRIC, Tag.PAGE_TYPE), "p75", "count", "poor_share", "rating");

    public static final Measurement APDEX = Measurement.define("cx_apdex", EnumSet.of(Tag.PLATFORM, Tag.SCREEN),
            "apdex", "calls", "satisfied", "tolerating", "frustrated", "errors");

    public static final Measurement APP = Measurement.define("cx_app", EnumSet.of(Tag.PLATFORM, Tag.APP_VERSION),
            "app_starts", "crashes", "anrs", "crash_rate");

    private final DataStream<InfluxPoint> points;
    private final DataStream<BadExperience> experiences;

    private DigitalSignals(DataStream<InfluxPoint> points, DataStream<BadExperience> experiences) {
        this.points = points;
        this.experiences = experiences;
    }

    public DataStream<InfluxPoint> points() {
        return points;
    }

    public DataStream<BadExperience> experiences() {
        return experiences;
    }

    public static DigitalSignals attach(DataStream<CxEvent> digital, FrictionRules rules, Funnel funnel,
            Duration sessionGap, Duration sessionMaxLength, WindowSettings windows) {
        SingleOutputStreamOperator<FrictionEvent> friction = digital
                .keyBy(CxEvent::subjectId, Types.STRING)
                .process(new SessionTracker(new SessionAnalyzer(rules, funnel), sessionGap, sessionMaxLength))
                .uid("session-tracker")
                .name("Sessions: friction, journeys, bad experiences");

        // Friction and journeys come out when event time reaches them, or when their session closes
        // a gap later: each counts in the minute it happened.
        Duration emittedWithin = sessionGap.plus(MinuteWindows.MINUTE);
        DataStream<InfluxPoint> frictionPoints = MinuteWindows.tumblingByOwnTime(
                friction.keyBy(f -> key(f.touchpoint, f.place == null ? "" : f.place, f.platform == null ? "" : f.platform),
                        Types.STRING),
                f -> f.ts, emittedWithin, windows, new CountFriction(), new FrictionPoint(), "friction-per-minute",
                "Friction per minute");

        DataStream<InfluxPoint> journeyPoints = MinuteWindows.tumblingByOwnTime(
                friction.getSideOutput(SessionTracker.SESSIONS).keyBy(s -> s.touchpoint, Types.STRING),
                s -> s.end, emittedWithin, windows, new CountJourneys(funnel.size()), new JourneyPoints(funnel),
                "journeys-per-minute", "Journeys per minute");

        SingleOutputStreamOperator<DigitalSamples> samples = digital
                .filter(DigitalSamples::feeds).name("Performance events")
                .map(DigitalSamples::of).returns(DigitalSamples.class).name("Cut to samples");

        DataStream<InfluxPoint> vitalPoints = MinuteWindows.tumbling(
                samples.filter(s -> s.kind == DigitalSamples.Kind.VITAL)
                        .keyBy(s -> key(s.metric, s.place == null ? "" : s.place), Types.STRING),
                windows, new CollectValues(), new VitalPoint(rules.vitals), "web-vitals-per-minute",
                "Web vitals p75 per minute");

        DataStream<InfluxPoint> apdexPoints = MinuteWindows.tumbling(
                samples.filter(s -> s.kind == DigitalSamples.Kind.API_CALL)
                        .keyBy(s -> key(s.platform == null ? "" : s.platform, s.place == null ? "" : s.place), Types.STRING),
                windows, new CountApdex(rules.apdexMillis), new ApdexPoint(), "apdex-per-minute", "Apdex per minute");

        DataStream<InfluxPoint> appPoints = MinuteWindows.tumbling(
                samples.filter(DigitalSamples::isApp)
                        .keyBy(s -> key(s.platform == null ? "" : s.platform, s.appVersion == null ? "" : s.appVersion),
                                Types.STRING),
                windows, new CountApp(), new AppPoint(), "app-health-per-minute", "App health per minute");

        return new DigitalSignals(frictionPoints.union(journeyPoints, vitalPoints, apdexPoints, appPoints),
                friction.getSideOutput(SessionTracker.EXPERIENCES));
    }

    // ---------------------------------------------------------------- friction

    static final class CountFriction implements AggregateFunction<FrictionEvent, FrictionCounts, FrictionCounts> {
        @Override
        public FrictionCounts createAccumulator() {
            return new FrictionCounts();
        }

        @Override
        public FrictionCounts add(FrictionEvent f, FrictionCounts acc) {
            return acc.add(f);
        }

        @Override
        public FrictionCounts getResult(FrictionCounts acc) {
            return acc;
        }

        @Override
        public FrictionCounts merge(FrictionCounts a, FrictionCounts b) {
            return a.merge(b);
        }
    }

    static final class FrictionPoint extends ProcessWindowFunction<FrictionCounts, InfluxPoint, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<FrictionCounts> results, Collector<InfluxPoint> out) {
            FrictionCounts c = results.iterator().next();
            String touchpoint = part(key, 0);
            Measurement.Builder p = FRICTION.point(ctx.window().getEnd())
                    .tag(Tag.TOUCHPOINT, touchpoint)
                    .tag(touchpoint.equals("app") ? Tag.SCREEN : Tag.PAGE_TYPE, part(key, 1));
            if (!part(key, 2).isEmpty()) {
                p.tag(Tag.PLATFORM, part(key, 2));
            }
            out.collect(p.field("rage_clicks", c.count(FrictionSignal.RAGE_CLICK))
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

    // ---------------------------------------------------------------- journeys

    static final class CountJourneys implements AggregateFunction<SessionSummary, JourneyStats, JourneyStats> {
        private final int steps;

        CountJourneys(int steps) {
            this.steps = steps;
        }

        @Override
        public JourneyStats createAccumulator() {
            return new JourneyStats(steps);
        }

        @Override
        public JourneyStats add(SessionSummary s, JourneyStats acc) {
            return acc.add(s);
        }

        @Override
        public JourneyStats getResult(JourneyStats acc) {
            return acc;
        }

        @Override
        public JourneyStats merge(JourneyStats a, JourneyStats b) {
            return a.merge(b);
        }
    }

    static final class JourneyPoints extends ProcessWindowFunction<JourneyStats, InfluxPoint, String, TimeWindow> {
        private final Funnel funnel;

        JourneyPoints(Funnel funnel) {
            this.funnel = funnel;
        }

        @Override
        public void process(String touchpoint, Context ctx, Iterable<JourneyStats> results, Collector<InfluxPoint> out) {
            JourneyStats j = results.iterator().next();
            long end = ctx.window().getEnd();
            long frustrating = j.ratings[SessionRating.FRUSTRATING.ordinal()];
            out.collect(JOURNEYS.point(end).tag(Tag.TOUCHPOINT, touchpoint)
                    .field("sessions", j.sessions)
                    .field("conversions", j.conversions)
                    .field("conversion_rate", j.overallConversion())
                    // the denominator of abandonment_rate: sessions that reached the funnel's second step
                    .field("carts", j.reached.length < 2 ? 0L : j.reached[1])
                    .field("abandoned", j.abandoned)
                    .field("abandonment_rate", j.abandonmentRate())
                    .field("cart_value_at_risk", j.cartValueAtRisk())
                    .field("satisfying", j.ratings[SessionRating.SATISFYING.ordinal()])
                    .field("tolerating", j.ratings[SessionRating.TOLERATING.ordinal()])
                    .field("frustrating", frustrating)
                    .field("frustrating_share", j.sessions == 0 ? Double.NaN : frustrating / (double) j.sessions)
                    .build());
            for (int step = 0; step < funnel.size(); step++) {
                out.collect(FUNNEL.point(end).tag(Tag.TOUCHPOINT, touchpoint)
                        .tag(Tag.STEP, funnel.step(step).wireName())
                        .field("reached", j.reached[step])
                        .field("step_conversion", j.stepConversion(step))
                        .field("abandoned", j.abandonedAt[step])
                        .field("cart_value_at_risk", j.cartValueAtRisk[step])
                        .build());
            }
        }
    }

    // ---------------------------------------------------------------- web vitals

    static final class CollectValues implements AggregateFunction<DigitalSamples, Samples, Samples> {
        @Override
        public Samples createAccumulator() {
            return new Samples();
        }

        @Override
        public Samples add(DigitalSamples s, Samples acc) {
            return acc.add(s.value);
        }

        @Override
        public Samples getResult(Samples acc) {
            return acc;
        }

        @Override
        public Samples merge(Samples a, Samples b) {
            return a.addAll(b);
        }
    }

    static final class VitalPoint extends ProcessWindowFunction<Samples, InfluxPoint, String, TimeWindow> {
        private final WebVitals vitals;

        VitalPoint(WebVitals vitals) {
            this.vitals = vitals;
        }

        @Override
        public void process(String key, Context ctx, Iterable<Samples> results, Collector<InfluxPoint> out) {
            Samples s = results.iterator().next();
            String metric = part(key, 0);
            double p75 = s.percentile(0.75);
            long poor = 0;
            for (int i = 0; i < s.size; i++) {
                if (vitals.isPoor(metric, s.values[i])) {
                    poor++;
                }
            }
            out.collect(WEB_VITALS.point(ctx.window().getEnd())
                    .tag(Tag.METRIC, metric)
                    .tag(Tag.PAGE_TYPE, part(key, 1))
                    .field("p75", p75)
                    .field("count", (long) s.size)
                    .field("poor_share", poor / (double) s.size)
                    .field("rating", vitals.rate(metric, p75).id())
                    .build());
        }
    }

    // ---------------------------------------------------------------- Apdex

    static final class CountApdex implements AggregateFunction<DigitalSamples, Apdex, Apdex> {
        private final double thresholdMillis;

        CountApdex(double thresholdMillis) {
            this.thresholdMillis = thresholdMillis;
        }

        @Override
        public Apdex createAccumulator() {
            return new Apdex();
        }

        @Override
        public Apdex add(DigitalSamples s, Apdex acc) {
            return acc.add(s.value, s.failed, thresholdMillis);
        }

        @Override
        public Apdex getResult(Apdex acc) {
            return acc;
        }

        @Override
        public Apdex merge(Apdex a, Apdex b) {
            return a.merge(b);
        }
    }

    static final class ApdexPoint extends ProcessWindowFunction<Apdex, InfluxPoint, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<Apdex> results, Collector<InfluxPoint> out) {
            Apdex a = results.iterator().next();
            out.collect(APDEX.point(ctx.window().getEnd())
                    .tag(Tag.PLATFORM, part(key, 0))
                    .tag(Tag.SCREEN, part(key, 1))
                    .field("apdex", a.score())
                    .field("calls", a.total())
                    .field("satisfied", a.satisfied)
                    .field("tolerating", a.tolerating)
                    .field("frustrated", a.frustrated)
                    .field("errors", a.errors)
                    .build());
        }
    }

    // ---------------------------------------------------------------- app health

    static final class CountApp implements AggregateFunction<DigitalSamples, long[], long[]> {
        @Override
        public long[] createAccumulator() {
            return new long[3];
        }

        @Override
        public long[] add(DigitalSamples s, long[] acc) {
            acc[s.kind == DigitalSamples.Kind.APP_START ? 0 : s.kind == DigitalSamples.Kind.CRASH ? 1 : 2]++;
            return acc;
        }

        @Override
        public long[] getResult(long[] acc) {
            return acc;
        }

        @Override
        public long[] merge(long[] a, long[] b) {
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            return a;
        }
    }

    /** Crash rate = crashes per app start (a session), the rate app stores judge. */
    static final class AppPoint extends ProcessWindowFunction<long[], InfluxPoint, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<long[]> results, Collector<InfluxPoint> out) {
            long[] c = results.iterator().next();
            out.collect(APP.point(ctx.window().getEnd())
                    .tag(Tag.PLATFORM, part(key, 0))
                    .tag(Tag.APP_VERSION, part(key, 1))
                    .field("app_starts", c[0])
                    .field("crashes", c[1])
                    .field("anrs", c[2])
                    .field("crash_rate", c[0] == 0 ? Double.NaN : c[1] / (double) c[0])
                    .build());
        }
    }

}
