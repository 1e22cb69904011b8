package io.cxmonitor.jobs.journeys;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.friction.FrictionEvent;
import io.cxmonitor.domain.journeys.SessionAnalyzer;
import io.cxmonitor.domain.journeys.SessionState;
import io.cxmonitor.domain.journeys.SessionSummary;
import io.cxmonitor.domain.journeys.Sessions;
import io.cxmonitor.events.CxEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Server-side sessions (SPEC 3.3), keyed by the customer, else the device, else the client
 * session, across web and app. Events wait in state until the watermark passes them, so the
 * {@link SessionAnalyzer} sees each session in event-time order; a session closes after 30 min
 * without events or after 24 h, in event time. Duplicates were dropped upstream.
 *
 * <p>Emits friction as it is found; closed sessions and bad experiences on side outputs. A crash
 * or a checkout failure is reported as soon as it arrives, not when event time reaches it, since
 * on-call staff should hear of it within a second; another one within the session gap is the
 * same episode. All state of a session is cleared when it closes.
 *
 * <p>Per key there is at most one timer for waiting events (at the earliest) and one to close
 * the session, which is moved lazily when it fires: timers and state accesses, not the analysis,
 * are what this operator spends its time on.
 */
public final class SessionTracker extends KeyedProcessFunction<String, CxEvent, FrictionEvent> {

    public static final OutputTag<SessionSummary> SESSIONS = new OutputTag<>("sessions") {};
    public static final OutputTag<BadExperience> EXPERIENCES = new OutputTag<>("session-experiences") {};

    private static final Comparator<CxEvent> BY_TIME = Comparator.comparingLong(e -> e.ts);

    private final SessionAnalyzer analyzer;
    private final Sessions sessions;

    private transient ValueState<SessionState> session;
    private transient ListState<CxEvent> waiting;
    private transient ValueState<Long> wakeAt;
    private transient ValueState<Long> closeAt;
    private transient ValueState<Long> reportedAt;
    private transient Emitter emitter;

    public SessionTracker(SessionAnalyzer analyzer, Sessions sessions) {
        this.analyzer = analyzer;
        this.sessions = sessions;
    }

    @Override
    public void open(OpenContext context) {
        session = getRuntimeContext().getState(new ValueStateDescriptor<>("session", Types.POJO(SessionState.class)));
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", Types.POJO(CxEvent.class)));
        wakeAt = getRuntimeContext().getState(new ValueStateDescriptor<>("wake-at", Types.LONG));
        closeAt = getRuntimeContext().getState(new ValueStateDescriptor<>("close-at", Types.LONG));
        reportedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("reported-at", Types.LONG));
        emitter = new Emitter();
    }

    @Override
    public void processElement(CxEvent e, Context ctx, Collector<FrictionEvent> out) throws Exception {
        BadExperience immediate = analyzer.immediate(e);
        if (immediate != null) {
            if (sessions.reportsImmediate(reportedAt.value(), e.ts)) {
                List<CxEvent> pending = new ArrayList<>();
                waiting.get().forEach(pending::add);
                immediate.cartValue = Math.max(immediate.cartValue,
                        SessionAnalyzer.cartAt(session.value(), pending, e.ts, sessions));
                ctx.output(EXPERIENCES, immediate);
                reportedAt.update(e.ts);
            }
        }
        if (e.ts <= ctx.timerService().currentWatermark()) {
            // late, but within the allowed lateness: it joins its session now
            emitter.bind(ctx, out);
            session.update(apply(session.value(), e, ctx));
            return;
        }
        waiting.add(e);
        Long wake = wakeAt.value();
        if (wake == null || e.ts < wake) {
            if (wake != null) {
                ctx.timerService().deleteEventTimeTimer(wake);
            }
            ctx.timerService().registerEventTimeTimer(e.ts);
            wakeAt.update(e.ts);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<FrictionEvent> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        emitter.bind(ctx, out);
        Long wake = wakeAt.value();
        if (wake != null && wake == time) {
            wakeAt.clear();
            processWaiting(watermark, ctx);
        }
        Long close = closeAt.value();
        // At the end of a bounded input the watermark jumps to the end of time: a session still open
        // then is not over, and SPEC 3.3 never counts an open session as abandoned.
        if (close != null && close == time && watermark != Long.MAX_VALUE) {
            closeAt.clear();
            SessionState s = session.value();
            if (s != null && time < sessions.closesAt(s)) {
                scheduleClose(s, ctx); // the session went on since: look again later
            } else {
                close(s, ctx);
            }
        }
    }

    /** Analyses, in event-time order, the waiting events the watermark has passed. */
    private void processWaiting(long watermark, Context ctx) throws Exception {
        List<CxEvent> due = new ArrayList<>();
        List<CxEvent> later = new ArrayList<>();
        for (CxEvent e : waiting.get()) {
            (e.ts <= watermark ? due : later).add(e);
        }
        due.sort(BY_TIME);
        SessionState s = session.value();
        for (CxEvent e : due) {
            s = apply(s, e, ctx);
        }
        session.update(s);
        if (later.isEmpty()) {
            waiting.clear();
        } else {
            waiting.update(later);
            long next = later.stream().mapToLong(e -> e.ts).min().getAsLong();
            ctx.timerService().registerEventTimeTimer(next);
            wakeAt.update(next);
        }
    }

    /** Adds one event to its session, closing the previous session when the event starts a new one. */
    private SessionState apply(SessionState s, CxEvent e, Context ctx) throws Exception {
        if (s != null && sessions.startsNew(s, e.ts)) {
            close(s, ctx);
            s = null;
        }
        if (s == null) {
            s = new SessionState();
        }
        analyzer.add(s, e, emitter);
        if (closeAt.value() == null) {
            scheduleClose(s, ctx);
        }
        return s;
    }

    private void scheduleClose(SessionState s, Context ctx) throws Exception {
        long due = sessions.closesAt(s);
        ctx.timerService().registerEventTimeTimer(due);
        closeAt.update(due);
    }

    /** Emits the journey and its bad experience, and forgets the session (the waiting events stay). */
    private void close(SessionState s, Context ctx) throws Exception {
        if (s != null) {
            ctx.output(SESSIONS, analyzer.close(s, emitter));
            Long reported = reportedAt.value();
            if (reported != null && sessions.episodeEndsWith(reported, s)) {
                reportedAt.clear();
            }
        }
        Long current = closeAt.value();
        if (current != null) {
            ctx.timerService().deleteEventTimeTimer(current);
        }
        session.clear();
        closeAt.clear();
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
