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
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Server-side sessions (SPEC 3.3) of one device: keyed by the anonymous id, else the customer,
 * else the client session, as de-duplication keys the events. Events wait in state until the
 * watermark passes them, so the {@link SessionAnalyzer} sees each session in event-time order; a
 * session closes after 30 min without events or after 24 h, in event time.
 *
 * <p><b>Identity.</b> An event with both an anonymous id and a customer id links the device to the
 * customer, in keyed state until {@code identity.link-ttl} after the end of the last session that
 * showed it (event time, by a timer). A session with a customer, or that began on a linked device,
 * is that customer's, from its first event: a guest who logs in mid-way is one session of theirs. A session without one waits {@code identity.link-window} once
 * over: a link within that time makes it the customer's too. A customer's sessions go on to
 * {@link JourneyJoiner}, keyed by customer, which joins those of their devices into one journey;
 * a session nobody owns is a journey of its own.
 *
 * <p>Emits friction as it is found; journeys of anonymous sessions, the customers' device
 * sessions and bad experiences on side outputs. A crash or a checkout failure is reported as soon
 * as it arrives, not when event time reaches it, since on-call staff should hear of it within a
 * second; another one within the session gap is the same episode.
 *
 * <p>All it keeps for a device is one {@link TrackedSubject}, read and written once per event and
 * timer, and the link, read when a timer fires, when a session begins without a customer and when a
 * crash or checkout failure comes without one, and written when an event shows another customer
 * than its session has and when a session of the linked customer ends. A request to forget a customer comes to every subtask (broadcast: devices are not keyed
 * by customer), which drops every device that names them: links, sessions, waiting events.
 */
public final class SessionTracker extends KeyedBroadcastProcessFunction<String, CxEvent, ForgetRequest, FrictionEvent> {

    public static final OutputTag<SessionSummary> SESSIONS = new OutputTag<>("sessions") {};
    public static final OutputTag<DeviceSession> DEVICE_SESSIONS = new OutputTag<>("device-sessions") {};
    public static final OutputTag<BadExperience> EXPERIENCES = new OutputTag<>("session-experiences") {};
    /** The name under which it reports a customer forgotten. */
    public static final String FORGETS = "sessions";
    static final ValueStateDescriptor<TrackedSubject> TRACKED =
            new ValueStateDescriptor<>("tracked", Types.POJO(TrackedSubject.class));
    private static final ValueStateDescriptor<DeviceLink> LINK =
            new ValueStateDescriptor<>("link", Types.POJO(DeviceLink.class));

    private static final Comparator<CxEvent> BY_TIME = Comparator.comparingLong(e -> e.ts);

    private final SessionAnalyzer analyzer;
    private final Sessions sessions;
    private final long linkWindow;
    private final long linkTtl;

    private transient ValueState<TrackedSubject> tracked;
    private transient ValueState<DeviceLink> link;
    private transient Emitter emitter;

    public SessionTracker(SessionAnalyzer analyzer, Sessions sessions) {
        this.analyzer = analyzer;
        this.sessions = sessions;
        // one session at a time waits for a link: the next cannot end sooner than a gap after it
        this.linkWindow = Math.min(sessions.linkWindow.toMillis(), sessions.gap.toMillis());
        this.linkTtl = sessions.linkTtl.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        tracked = getRuntimeContext().getState(TRACKED);
        link = getRuntimeContext().getState(LINK);
        emitter = new Emitter();
    }

    @Override
    public void processElement(CxEvent e, ReadOnlyContext ctx, Collector<FrictionEvent> out) throws Exception {
        TrackedSubject t = tracked.value();
        if (t == null) {
            t = new TrackedSubject();
        }
        BadExperience immediate = analyzer.immediate(e, e.customerId != null || e.anonymousId == null
                || !analyzer.isImmediate(e) ? e.customerId : linkedCustomer());
        if (immediate != null && sessions.isNews(t.reportedAt, t.reportedKinds, immediate)) {
            immediate.cartValue = Math.max(immediate.cartValue,
                    SessionAnalyzer.cartAt(t.session, t.waiting(), e.ts, sessions));
            ctx.output(EXPERIENCES, immediate);
            t.reportedKinds = sessions.kindsAfter(t.reportedAt, t.reportedKinds, immediate);
            t.reportedAt = e.ts;
        }
        if (e.ts <= ctx.timerService().currentWatermark()) {
            // late, but within the allowed lateness: it joins its session now
            emitter.bind(ctx, out);
            apply(t, e, ctx);
        } else {
            if (e.ts < t.earliestWaiting()) { // else the timer of an earlier one is due first
                ctx.timerService().registerEventTimeTimer(e.ts);
            }
            t.await(e);
        }
        save(t);
    }

    @Override
    public void processBroadcastElement(ForgetRequest request, Context ctx, Collector<FrictionEvent> out) throws Exception {
        ctx.applyToKeyedState(TRACKED, (device, state) -> {
            TrackedSubject t = state.value();
            if (t != null && t.forget(request.customerId)) { // another customer's session on the device stays
                if (t.isEmpty()) {
                    state.clear(); // its timers find nothing
                } else {
                    state.update(t);
                }
            }
        });
        ctx.applyToKeyedState(LINK, (device, state) -> {
            DeviceLink l = state.value();
            if (l != null && request.customerId.equals(l.customerId)) {
                state.clear();
            }
        });
        ctx.output(ForgetApplied.TAG, ForgetApplied.bySubtask(request, FORGETS, getRuntimeContext()));
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<FrictionEvent> out) throws Exception {
        TrackedSubject t = tracked.value();
        DeviceLink l = link.value();
        if (l != null && l.expiresAt <= time) {
            if (t != null && t.session != null && l.customerId.equals(t.session.customerId)) {
                l.expiresAt = Long.MAX_VALUE; // in use: the session's end renews it
                link.update(l);
            } else {
                link.clear(); // no session has shown it for identity.link-ttl
            }
        }
        if (t == null) {
            return;
        }
        // Whichever timer this is, the waiting events the watermark has passed are due (and the next
        // one gets its timer, also when the one set for it was a forgotten customer's), and so is
        // the release of a held session whose time has come.
        long watermark = ctx.timerService().currentWatermark();
        emitter.bind(ctx, out);
        if (t.waitingCount > 0) {
            processWaiting(t, watermark, ctx);
        }
        // At the end of a bounded input the watermark jumps to the end of time: a session still open
        // then is not over, and SPEC 3.3 never counts an open session as abandoned.
        boolean closeTimer = time == t.closeTimer || t.closeTimer == TrackedSubject.NO_TIMER;
        if (t.session != null && closeTimer && watermark != Long.MAX_VALUE) {
            if (time < sessions.closesAt(t.session)) {
                scheduleClose(t, ctx); // the session went on since: look again when it would end
            } else {
                close(t, ctx);
            }
        }
        if (t.held != null && time >= releaseAt(t.held)) { // (also at the end of a bounded input: the session is over)
            ctx.output(SESSIONS, analyzer.summarize(t.held, emitter)); // no link came: a guest's journey
            t.held = null;
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

    /** The device is the customer's, from the event at {@code ts} on, for the link's lifetime. */
    private void link(TrackedSubject t, String customer, long ts, ReadOnlyContext ctx) throws Exception {
        DeviceLink l = link.value();
        if (l == null || !customer.equals(l.customerId)) {
            expireLinkAt(new DeviceLink(customer), ts + linkTtl, ctx); // renewed when a session of theirs ends
        }
        if (t.held != null && ts <= releaseAt(t.held)) { // a session that ended a moment ago was theirs too
            t.held.customerId = customer;
            ctx.output(DEVICE_SESSIONS, DeviceSession.finished(ctx.getCurrentKey(), t.held));
            t.held = null; // its timer finds nothing
        }
    }

    private void expireLinkAt(DeviceLink l, long at, ReadOnlyContext ctx) throws Exception {
        l.expiresAt = at;
        link.update(l);
        ctx.timerService().registerEventTimeTimer(at);
    }

    /** Until when a session without a customer that is over waits for a link. */
    private long releaseAt(SessionState held) {
        return sessions.closesAt(held) + linkWindow;
    }

    /** The customer the device is linked to, or null. */
    private String linkedCustomer() throws Exception {
        DeviceLink l = link.value();
        return l == null ? null : l.customerId;
    }

    /** Analyses, in event-time order, the waiting events the watermark has passed, and wakes for the next. */
    private void processWaiting(TrackedSubject t, long watermark, ReadOnlyContext ctx) throws Exception {
        if (t.earliestWaiting() <= watermark) {
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
        }
        if (t.waitingCount > 0) { // (the same time as the timer still set for it, if any: Flink keeps one)
            ctx.timerService().registerEventTimeTimer(t.earliestWaiting());
        }
    }

    /** Adds one event to its session, closing the previous session when the event starts a new one. */
    private void apply(TrackedSubject t, CxEvent e, ReadOnlyContext ctx) throws Exception {
        if (t.session != null && sessions.startsNew(t.session, e.ts)) {
            close(t, ctx);
        }
        boolean owned = t.session != null && t.session.customerId != null;
        if (t.session == null) {
            t.session = new SessionState();
            if (e.customerId == null && e.anonymousId != null) {
                t.session.customerId = linkedCustomer(); // a linked device's session is its customer's
            }
        }
        String owner = owned ? t.session.customerId : null;
        analyzer.add(t.session, e, emitter);
        if (owner != null) {
            t.session.customerId = owner; // another login on the device: the session stays whose it began
        }
        if (e.customerId != null && e.anonymousId != null && !e.customerId.equals(owner)) {
            link(t, e.customerId, e.ts, ctx); // in event-time order (within its customer's session: nothing new)
        }
        if (!owned && t.session.customerId != null) {
            ctx.output(DEVICE_SESSIONS, DeviceSession.opened(t.session.customerId, ctx.getCurrentKey(), t.session.start));
        }
        if (t.closeTimer == TrackedSubject.NO_TIMER) {
            scheduleClose(t, ctx);
        }
    }

    private void scheduleClose(TrackedSubject t, ReadOnlyContext ctx) {
        t.closeTimer = sessions.closesAt(t.session);
        ctx.timerService().registerEventTimeTimer(t.closeTimer);
    }

    /**
     * Ends the session: a customer's goes on to their journey; one without a customer waits for a
     * link, or is a journey of its own. The waiting events stay.
     */
    private void close(TrackedSubject t, ReadOnlyContext ctx) throws Exception {
        SessionState s = t.session;
        if (s != null) {
            analyzer.finish(s, emitter);
            if (s.customerId != null) {
                ctx.output(DEVICE_SESSIONS, DeviceSession.finished(ctx.getCurrentKey(), s));
                DeviceLink l = link.value();
                if (l != null && s.customerId.equals(l.customerId)) { // the link was shown until this session ended
                    expireLinkAt(l, s.end + linkTtl, ctx);
                }
            } else if (linkWindow > 0) {
                if (t.held != null) { // the one before had its chance
                    ctx.output(SESSIONS, analyzer.summarize(t.held, emitter));
                }
                t.held = s;
                ctx.timerService().registerEventTimeTimer(releaseAt(s));
            } else {
                ctx.output(SESSIONS, analyzer.summarize(s, emitter));
            }
            if (t.reportedAt != null && sessions.episodeEndsWith(t.reportedAt, s)) {
                t.reportedAt = null;
                t.reportedKinds = 0;
            }
        }
        t.session = null;
        t.closeTimer = TrackedSubject.NO_TIMER; // a close timer still set finds another time
    }

    /** Routes the analyzer's findings to the main and side outputs of the current call. */
    private static final class Emitter implements SessionAnalyzer.Output {
        private ReadOnlyContext ctx;
        private Collector<FrictionEvent> out;

        void bind(ReadOnlyContext ctx, Collector<FrictionEvent> out) {
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
