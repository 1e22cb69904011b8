package io.cxmonitor.jobs.support;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.domain.support.SupportFact;
import io.cxmonitor.domain.support.TicketState;
import io.cxmonitor.domain.support.Tickets;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One support ticket's life, keyed by ticket id: first response and resolution times, reopens,
 * and the first-response SLA. Event-time timers judge the first response once event time passes
 * the earliest agent reply, and the SLA at its deadline, so each fact carries the ticket's own
 * event time. A ticket is forgotten a retention period after its last event; duplicates were
 * dropped upstream.
 *
 * <p>A request to forget a customer comes to every subtask (broadcast), since tickets are keyed
 * by ticket: each drops the tickets of that customer among its own, and their timers find nothing.
 */
public final class TicketTracker extends KeyedBroadcastProcessFunction<String, CxEvent, ForgetRequest, SupportFact> {

    /** The name under which it reports a customer forgotten. */
    public static final String FORGETS = "tickets";
    private static final ValueStateDescriptor<TicketState> TICKET =
            new ValueStateDescriptor<>("ticket", Types.POJO(TicketState.class));

    public static final OutputTag<BadExperience> EXPERIENCES = new OutputTag<>("ticket-experiences") {};

    private final Tickets tickets;
    private final long retentionMillis;

    private transient ValueState<TicketState> ticket;
    private transient ValueState<Long> deadline;
    private transient ValueState<Long> responseAt;
    private transient ValueState<Long> expiry;
    private transient Emitter emitter;

    public TicketTracker(Tickets tickets, Duration retention) {
        this.tickets = tickets;
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        ticket = getRuntimeContext().getState(TICKET);
        deadline = getRuntimeContext().getState(new ValueStateDescriptor<>("sla-deadline", Types.LONG));
        responseAt = getRuntimeContext().getState(new ValueStateDescriptor<>("response-at", Types.LONG));
        expiry = getRuntimeContext().getState(new ValueStateDescriptor<>("expiry", Types.LONG));
        emitter = new Emitter();
    }

    @Override
    public void processElement(CxEvent e, ReadOnlyContext ctx, Collector<SupportFact> out) throws Exception {
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
        long response = tickets.responseDue(s);
        Long scheduled = responseAt.value();
        if (response != Long.MIN_VALUE && (scheduled == null || response < scheduled)) {
            if (scheduled != null) {
                ctx.timerService().deleteEventTimeTimer(scheduled);
            }
            ctx.timerService().registerEventTimeTimer(response);
            responseAt.update(response);
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
    public void processBroadcastElement(ForgetRequest request, Context ctx, Collector<SupportFact> out) throws Exception {
        ctx.applyToKeyedState(TICKET, (ticketId, state) -> {
            TicketState s = state.value();
            if (s != null && request.customerId.equals(s.customerId)) {
                state.clear();
            }
        });
        ctx.output(ForgetApplied.TAG, ForgetApplied.bySubtask(request, FORGETS, getRuntimeContext()));
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<SupportFact> out) throws Exception {
        emitter.bind(ctx, out);
        TicketState s = ticket.value(); // null when its customer was forgotten
        Long response = responseAt.value();
        if (response != null && response == time) {
            if (s != null) {
                tickets.responsePassed(s, time, emitter);
                ticket.update(s);
            }
            responseAt.clear();
        }
        Long due = deadline.value();
        // The end of a bounded input is no proof that the agent would not have answered in time.
        if (due != null && due == time && ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            if (s != null) {
                tickets.deadlinePassed(s, time, emitter);
                ticket.update(s);
            }
            deadline.clear();
        }
        Long forgetAt = expiry.value();
        if (forgetAt != null && forgetAt == time) {
            ticket.clear();
            deadline.clear();
            responseAt.clear();
            expiry.clear();
        }
    }

    private static final class Emitter implements Tickets.Output {
        private ReadOnlyContext ctx;
        private Collector<SupportFact> out;

        void bind(ReadOnlyContext ctx, Collector<SupportFact> out) {
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
