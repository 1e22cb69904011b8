package io.cxmonitor.jobs.journeys;

import io.cxmonitor.jobs.privacy.Privacy;
import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.friction.FrictionEvent;
import io.cxmonitor.domain.friction.SessionRating;
import io.cxmonitor.domain.journeys.Funnel;
import io.cxmonitor.domain.journeys.JourneyStats;
import io.cxmonitor.domain.journeys.SessionAnalyzer;
import io.cxmonitor.domain.journeys.SessionSummary;
import io.cxmonitor.domain.journeys.Sessions;
import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import io.cxmonitor.jobs.common.windows.Accumulate;
import io.cxmonitor.jobs.common.windows.MinuteWindows;
import io.cxmonitor.jobs.common.windows.WindowSettings;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Journeys and abandonment (SPEC 3.3): server-side sessions across web and app, judged when they
 * close, counted per minute of their last event. The session tracker also finds the friction of
 * each session and its bad experiences.
 *
 * @param friction friction as the sessions find it, at the time of the event behind it
 * @param experiences checkout failures and crashes as they arrive; frustrated and abandoned
 *     sessions as they close
 * @param forgotten the session tracker's reports of customers forgotten
 */
public record JourneySignals(DataStream<InfluxPoint> points, DataStream<FrictionEvent> friction,
        DataStream<BadExperience> experiences, DataStream<ForgetApplied> forgotten) {

    public static final Measurement JOURNEYS = Measurement.define("cx_journeys", EnumSet.of(Tag.TOUCHPOINT),
            "sessions", "conversions", "conversion_rate", "carts", "abandoned", "abandonment_rate", "cart_value_at_risk",
            "satisfying", "tolerating", "frustrating", "frustrating_share");

    public static final Measurement FUNNEL = Measurement.define("cx_funnel", EnumSet.of(Tag.TOUCHPOINT, Tag.STEP),
            "reached", "step_conversion", "abandoned", "cart_value_at_risk");

    /**
     * @param byDevice web and app events, keyed by their device (else customer, else client
     *     session) as de-duplication keys them, so that no record crosses the network again
     * @param forget requests to forget a customer
     */
    public static JourneySignals attach(KeyedStream<CxEvent, String> byDevice, DataStream<ForgetRequest> forget,
            SessionAnalyzer analyzer, Funnel funnel, Sessions rules, WindowSettings windows) {
        SingleOutputStreamOperator<FrictionEvent> devices = byDevice
                .connect(forget.broadcast(Privacy.NO_BROADCAST_STATE))
                .process(new SessionTracker(analyzer, rules))
                .uid("session-tracker-v3")
                .name("Sessions per device: friction, identity, bad experiences");
        SingleOutputStreamOperator<SessionSummary> customers = devices.getSideOutput(SessionTracker.DEVICE_SESSIONS)
                .keyBy(d -> d.customerId, Types.STRING)
                .connect(forget.keyBy(r -> r.customerId, Types.STRING))
                .process(new JourneyJoiner(analyzer, rules))
                .uid("journey-joiner")
                .name("Journeys per customer, across devices");
        DataStream<SessionSummary> journeys = devices.getSideOutput(SessionTracker.SESSIONS).union(customers);
        int steps = funnel.size();
        DataStream<InfluxPoint> points = MinuteWindows.tumblingByOwnTime(
                journeys.keyBy(s -> s.touchpoint, Types.STRING),
                s -> s.end, emittedWithin(rules), windows,
                Accumulate.of(JourneyStats.class, () -> new JourneyStats(steps), JourneyStats::add, JourneyStats::merge),
                (touchpoint, end, stats, out) -> points(funnel, touchpoint, end, stats, out),
                "journeys-per-minute", "Journeys per minute");
        return new JourneySignals(points, devices,
                devices.getSideOutput(SessionTracker.EXPERIENCES).union(customers.getSideOutput(JourneyJoiner.EXPERIENCES)),
                devices.getSideOutput(ForgetApplied.TAG).union(customers.getSideOutput(ForgetApplied.TAG)));
    }

    /**
     * How long after it happened a signal of a session may come out: when the session closes, or
     * when a session without a customer has waited for a link.
     */
    public static Duration emittedWithin(Sessions rules) {
        return rules.gap.plus(rules.linkWindow).plus(MinuteWindows.MINUTE);
    }

    static void points(Funnel funnel, String touchpoint, long end, JourneyStats j, Consumer<InfluxPoint> out) {
        long frustrating = j.ratings[SessionRating.FRUSTRATING.ordinal()];
        out.accept(JOURNEYS.point(end).tag(Tag.TOUCHPOINT, touchpoint)
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
            out.accept(FUNNEL.point(end).tag(Tag.TOUCHPOINT, touchpoint)
                    .tag(Tag.STEP, funnel.step(step).wireName())
                    .field("reached", j.reached[step])
                    .field("step_conversion", j.stepConversion(step))
                    .field("abandoned", j.abandonedAt[step])
                    .field("cart_value_at_risk", j.cartValueAtRisk[step])
                    .build());
        }
    }
}
