package io.cxmonitor.jobs.signals.friction;

import io.cxmonitor.domain.experience.BadExperience;
import io.cxmonitor.domain.friction.FrictionEvent;
import io.cxmonitor.domain.journey.SessionAnalyzer;
import io.cxmonitor.domain.journey.SessionState;
import io.cxmonitor.domain.journey.SessionSummary;
import io.cxmonitor.events.CxEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Server-side sessions (SPEC 3.3), keyed by the customer, else the device, else the client
 * session, across web and app. Events wait in state until the watermark passes them, so the
 * {@link SessionAnalyzer} sees each session in event-time order; a session closes after 30 min
 * without events or after 24 h, in event time. Duplicate event ids within a session are dropped.
 *
 * <p>Emits friction as it is found; closed sessions and bad experiences on side outputs. All
 * state of a session is cleared when it closes.
 */
public final class SessionTracker extends KeyedProcessFunction<String, CxEvent, FrictionEvent> {

    public static final OutputTag<SessionSummary> SESSIONS = new OutputTag<>("sessions") {};
    public static final OutputTag<BadExperience> EXPERIENCES = new OutputTag<>("session-experiences") {};

    private final SessionAnalyzer analyzer;
    private final long gapMillis;
    private final long maxLengthMillis;

    private transient ValueState<SessionState> session;
    private transient ValueState<Long> closeAt;
    private transient MapState<Long, List<CxEvent>> waiting;
    private transient MapState<String, Boolean> seen;
    private transient Counter duplicates;
    private transient Emitter emitter;

    public SessionTracker(SessionAnalyzer analyzer, Duration gap, Duration maxLength) {
        this.analyzer = analyzer;
        this.gapMillis = gap.toMillis();
        this.maxLengthMillis = maxLength.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        session = getRuntimeContext().getState(new ValueStateDescriptor<>("session", Types.POJO(SessionState.class)));
        closeAt = getRuntimeContext().getState(new ValueStateDescriptor<>("close-at", Types.LONG));
        waiting = getRuntimeContext().getMapState(new MapStateDescriptor<>("waiting", Types.LONG,
                Types.LIST(Types.POJO(CxEvent.class))));
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen", Types.STRING, Types.BOOLEAN));
        duplicates = getRuntimeContext().getMetricGroup().counter("cxDuplicateEvents");
        emitter = new Emitter();
    }

    @Override
    public void processElement(CxEvent e, Context ctx, Collector<FrictionEvent> out) throws Exception {
        if (seen.contains(e.eventId)) {
            duplicates.inc();
            return;
        }
        seen.put(e.eventId, Boolean.TRUE);
        if (e.ts <= ctx.timerService().currentWatermark()) {
            apply(e, ctx, out); // late, but within the allowed lateness: it joins its session now
            return;
        }
        List<CxEvent> sameTime = waiting.get(e.ts);
        if (sameTime == null) {
            sameTime = new ArrayList<>(1);
            ctx.timerService().registerEventTimeTimer(e.ts);
        }
        sameTime.add(e);
        waiting.put(e.ts, sameTime);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<FrictionEvent> out) throws Exception {
        List<CxEvent> due = waiting.get(time);
        if (due != null) {
            waiting.remove(time);
            for (CxEvent e : due) {
                apply(e, ctx, out);
            }
        }
        Long close = closeAt.value();
        if (close != null && close == time) {
            close(ctx, out);
        }
    }

    private void apply(CxEvent e, Context ctx, Collector<FrictionEvent> out) throws Exception {
        SessionState s = session.value();
        if (s != null && (e.ts - s.end > gapMillis || e.ts - s.start >= maxLengthMillis)) {
            close(ctx, out);
            seen.put(e.eventId, Boolean.TRUE);
            s = null;
        }
        if (s == null) {
            s = new SessionState();
        }
        emitter.bind(ctx, out);
        analyzer.add(s, e, emitter);
        session.update(s);
        long due = Math.min(s.end + gapMillis, s.start + maxLengthMillis);
        Long current = closeAt.value();
        if (current == null || current != due) {
            if (current != null) {
                ctx.timerService().deleteEventTimeTimer(current);
            }
            ctx.timerService().registerEventTimeTimer(due);
            closeAt.update(due);
        }
    }

    /** Emits the journey and its bad experience, and forgets the session (the waiting events stay). */
    private void close(Context ctx, Collector<FrictionEvent> out) throws Exception {
        SessionState s = session.value();
        if (s != null) {
            emitter.bind(ctx, out);
            ctx.output(SESSIONS, analyzer.close(s, emitter));
        }
        Long current = closeAt.value();
        if (current != null) {
            ctx.timerService().deleteEventTimeTimer(current);
        }
        session.clear();
        closeAt.clear();
        seen.clear();
    }

    /** Routes the analyzer's findings to the main and side outputs of the current call. */
    private static final class Emitter implements SessionAnalyzer.Output {
        private Context ctx;
        private Collector<FrictionEvent> out;

        void bind(Context ctx, Collector<FrictionEvent> out) {
            this.ctx = ctx;
            this.out = out;
        }

        @Override
        public void friction(FrictionEvent friction) {
            out.collect(friction);
        }

        @Override
        public void badExperience(BadExperience experience) {
            ctx.output(EXPERIENCES, experience);
        }
    }
}
