package io.cxmonitor.jobs.signals.support;

import io.cxmonitor.domain.experience.BadExperience;
import io.cxmonitor.domain.support.SupportFact;
import io.cxmonitor.domain.support.TicketState;
import io.cxmonitor.domain.support.Tickets;
import io.cxmonitor.events.CxEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One support ticket's life, keyed by ticket id: first response and resolution times, reopens,
 * and the first-response SLA, judged by an event-time timer at the deadline. A ticket is
 * forgotten a retention period after its last event; duplicate events are dropped.
 */
public final class TicketTracker extends KeyedProcessFunction<String, CxEvent, SupportFact> {

    public static final OutputTag<BadExperience> EXPERIENCES = new OutputTag<>("ticket-experiences") {};

    private final Tickets tickets;
    private final long retentionMillis;

    private transient ValueState<TicketState> ticket;
    private transient ValueState<Long> deadline;
    private transient ValueState<Long> expiry;
    private transient MapState<String, Boolean> seen;
    private transient Emitter emitter;

    public TicketTracker(Tickets tickets, Duration retention) {
        this.tickets = tickets;
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        ticket = getRuntimeContext().getState(new ValueStateDescriptor<>("ticket", Types.POJO(TicketState.class)));
        deadline = getRuntimeContext().getState(new ValueStateDescriptor<>("sla-deadline", Types.LONG));
        expiry = getRuntimeContext().getState(new ValueStateDescriptor<>("expiry", Types.LONG));
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen", Types.STRING, Types.BOOLEAN));
        emitter = new Emitter();
    }

    @Override
    public void processElement(CxEvent e, Context ctx, Collector<SupportFact> out) throws Exception {
        if (seen.contains(e.eventId)) {
            return;
        }
        seen.put(e.eventId, Boolean.TRUE);
        TicketState s = ticket.value();
        if (s == null) {
            s = new TicketState();
        }
        emitter.bind(ctx, out);
        long due = tickets.apply(s, e, emitter);
        ticket.update(s);
        if (due != Long.MIN_VALUE) {
            deadline.update(due);
            ctx.timerService().registerEventTimeTimer(due);
        }
        long forgetAt = s.lastEventAt + retentionMillis;
        Long current = expiry.value();
        if (current == null || current < forgetAt) {
            if (current != null) {
                ctx.timerService().deleteEventTimeTimer(current);
            }
            ctx.timerService().registerEventTimeTimer(forgetAt);
            expiry.update(forgetAt);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<SupportFact> out) throws Exception {
        Long due = deadline.value();
        // The end of a bounded input is no proof that the agent would not have answered in time.
        if (due != null && due == time && ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            TicketState s = ticket.value();
            emitter.bind(ctx, out);
            tickets.deadlinePassed(s, time, emitter);
            ticket.update(s);
            deadline.clear();
        }
        Long forgetAt = expiry.value();
        if (forgetAt != null && forgetAt == time) {
            ticket.clear();
            deadline.clear();
            expiry.clear();
            seen.clear();
        }
    }

    private static final class Emitter implements Tickets.Output {
        private Context ctx;
        private Collector<SupportFact> out;

        void bind(Context ctx, Collector<SupportFact> out) {
            this.ctx = ctx;
            this.out = out;
        }

        @Override
        public void fact(SupportFact fact) {
            out.collect(fact);
        }

        @Override
        public void badExperience(BadExperience experience) {
            ctx.output(EXPERIENCES, experience);
        }
    }
}
