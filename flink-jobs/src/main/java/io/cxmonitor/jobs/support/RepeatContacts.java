package io.cxmonitor.jobs.support;

import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.domain.support.SupportFact;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by customer, over their ticket openings: another ticket within the window (7 days) is a
 * repeat contact (SPEC 3.4). The last opening is forgotten when the window has passed, or when
 * the customer asks to be (the second input).
 */
public final class RepeatContacts extends KeyedCoProcessFunction<String, CxEvent, ForgetRequest, SupportFact> {

    /** The name under which it reports a customer forgotten. */
    public static final String FORGETS = "repeat-contacts";

    private final long windowMillis;
    private transient ValueState<Long> lastOpened;
    private transient ValueState<String> lastTicket;

    public RepeatContacts(Duration window) {
        this.windowMillis = window.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        lastOpened = getRuntimeContext().getState(new ValueStateDescriptor<>("last-opened", Types.LONG));
        lastTicket = getRuntimeContext().getState(new ValueStateDescriptor<>("last-ticket", Types.STRING));
    }

    @Override
    public void processElement1(CxEvent e, Context ctx, Collector<SupportFact> out) throws Exception {
        Long previous = lastOpened.value();
        if (previous != null && e.ticketId.equals(lastTicket.value())) {
            return; // the same opening again
        }
        if (previous != null && Math.abs(e.ts - previous) <= windowMillis) {
            out.collect(new SupportFact(e.channel == null ? "unknown" : e.channel, SupportFact.Kind.REPEAT_CONTACT, 1));
        }
        if (previous == null || e.ts > previous) {
            if (previous != null) {
                ctx.timerService().deleteEventTimeTimer(previous + windowMillis);
            }
            lastOpened.update(e.ts);
            lastTicket.update(e.ticketId);
            ctx.timerService().registerEventTimeTimer(e.ts + windowMillis);
        }
    }

    @Override
    public void processElement2(ForgetRequest request, Context ctx, Collector<SupportFact> out) {
        lastOpened.clear(); // its timer finds nothing
        lastTicket.clear();
        ctx.output(ForgetApplied.TAG, ForgetApplied.byKey(request, FORGETS));
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<SupportFact> out) throws Exception {
        Long previous = lastOpened.value();
        if (previous != null && previous + windowMillis == time) {
            lastOpened.clear();
            lastTicket.clear();
        }
    }
}
