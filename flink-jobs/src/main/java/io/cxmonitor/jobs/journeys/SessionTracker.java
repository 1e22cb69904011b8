package io.cxmonitor.jobs.journeys;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.friction.FrictionEvent;
import io.cxmonitor.domain.journeys.SessionAnalyzer;
import io.cxmonitor.domain.journeys.SessionState;
import io.cxmonitor.domain.journeys.SessionSummary;
import io.cxmonitor.domain.journeys.Sessions;
import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
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
 * are what this operator spends its time on. All it keeps for a key is one {@link TrackedSubject},
 * read and written once per event and timer.
 *
 * <p>A request to forget a customer (the second input, keyed by customer) drops all of it: the
 * open session is neither a journey nor an abandonment, and its timers find nothing.
 */
public final class SessionTracker extends KeyedCoProcessFunction<String, CxEvent, ForgetRequest, FrictionEvent> {

    /** The name under which it reports a customer forgotten. */
    public static final String FORGETS = "sessions";

    public static final OutputTag<SessionSummary> SESSIONS = new OutputTag<>("sessions") {};
    public static final OutputTag<BadExperience> EXPERIENCES = new OutputTag<>("session-experiences") {};

    private static final Comparator<CxEvent> BY_TIME = Comparator.comparingLong(e -> e.ts);

    private final SessionAnalyzer analyzer;
    private final Sessions sessions;

    private transient ValueState<TrackedSubject> tracked;
    private transient Emitter emitter;

    public SessionTracker(SessionAnalyzer analyzer, Sessions sessions) {
        this.analyzer = analyzer;
        this.sessions = sessions;
    }

    @Override
    public void open(OpenContext context) {
        tracked = getRuntimeContext().getState(new ValueStateDescriptor<>("tracked", Types.POJO(TrackedSubject.class)));
        emitter = new Emitter();
    }

    @Override
    public void processElement1(CxEvent e, Context ctx, Collector<FrictionEvent> out) throws Exception {
        TrackedSubject t = tracked.value();
        if (t == null) {
            t = new TrackedSubject();
        }
        BadExperience immediate = analyzer.immediate(e);
        if (immediate != null && sessions.reportsImmediate(t.reportedAt, e.ts)) {
            immediate.cartValue = Math.max(immediate.cartValue,
                    SessionAnalyzer.cartAt(t.session, t.waiting(), e.ts, sessions));
            ctx.output(EXPERIENCES, immediate);
            t.reportedAt = e.ts;
        }
        if (e.ts <= ctx.timerService().currentWatermark()) {
            // late, but within the allowed lateness: it joins its session now
            emitter.bind(ctx, out);
            apply(t, e, ctx);
        } else {
            t.await(e);
            if (t.wakeAt == null || e.ts < t.wakeAt) {
                if (t.wakeAt != null && !t.wakeAt.equals(t.closeAt)) { // one timer per time: it may be the close's
                    ctx.timerService().deleteEventTimeTimer(t.wakeAt);
                }
                ctx.timerService().registerEventTimeTimer(e.ts);
                t.wakeAt = e.ts;
            }
        }
        save(t);
    }

    @Override
    public void processElement2(ForgetRequest request, Context ctx, Collector<FrictionEvent> out) {
        tracked.clear();
        ctx.output(ForgetApplied.TAG, ForgetApplied.byKey(request, FORGETS));
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<FrictionEvent> out) throws Exception {
        TrackedSubject t = tracked.value();
        if (t == null) {
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        emitter.bind(ctx, out);
        if (t.wakeAt != null && t.wakeAt == time) {
            t.wakeAt = null;
            processWaiting(t, watermark, ctx);
        }
        // At the end of a bounded input the watermark jumps to the end of time: a session still open
        // then is not over, and SPEC 3.3 never counts an open session as abandoned.
        if (t.closeAt != null && t.closeAt == time && watermark != Long.MAX_VALUE) {
            t.closeAt = null;
            if (t.session != null && time < sessions.closesAt(t.session)) {
                scheduleClose(t, ctx); // the session went on since: look again later
            } else {
                close(t, ctx);
            }
        }
        save(t);
    }

    private void save(TrackedSubject t) throws Exception {
        if (t.isEmpty()) {
            tracked.clear();
        } else {
            tracked.update(t);
        }
    }

    /** Analyses, in event-time order, the waiting events the watermark has passed. */
    private void processWaiting(TrackedSubject t, long watermark, Context ctx) {
        List<CxEvent> due = new ArrayList<>();
        List<CxEvent> later = new ArrayList<>();
        for (CxEvent e : t.waiting()) {
            (e.ts <= watermark ? due : later).add(e);
        }
        due.sort(BY_TIME);
        for (CxEvent e : due) {
            apply(t, e, ctx);
        }
        t.waitFor(later);
        if (!later.isEmpty()) {
            long next = later.stream().mapToLong(e -> e.ts).min().getAsLong();
            ctx.timerService().registerEventTimeTimer(next);
            t.wakeAt = next;
        }
    }

    /** Adds one event to its session, closing the previous session when the event starts a new one. */
    private void apply(TrackedSubject t, CxEvent e, Context ctx) {
        if (t.session != null && sessions.startsNew(t.session, e.ts)) {
            close(t, ctx);
        }
        if (t.session == null) {
            t.session = new SessionState();
        }
        analyzer.add(t.session, e, emitter);
        if (t.closeAt == null) {
            scheduleClose(t, ctx);
        }
    }

    private void scheduleClose(TrackedSubject t, Context ctx) {
        long due = sessions.closesAt(t.session);
        ctx.timerService().registerEventTimeTimer(due);
        t.closeAt = due;
    }

    /** Emits the journey and its bad experience, and forgets the session (the waiting events stay). */
    private void close(TrackedSubject t, Context ctx) {
        if (t.session != null) {
            ctx.output(SESSIONS, analyzer.close(t.session, emitter));
            if (t.reportedAt != null && sessions.episodeEndsWith(t.reportedAt, t.session)) {
                t.reportedAt = null;
            }
        }
        if (t.closeAt != null && !t.closeAt.equals(t.wakeAt)) { // one timer per time: it may be the wake's
            ctx.timerService().deleteEventTimeTimer(t.closeAt);
        }
        t.session = null;
        t.closeAt = null;
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
