package io.cxmonitor.jobs.journeys;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.friction.FrictionEvent;
import io.cxmonitor.domain.journeys.CustomerSessions;
import io.cxmonitor.domain.journeys.SessionAnalyzer;
import io.cxmonitor.domain.journeys.SessionState;
import io.cxmonitor.domain.journeys.SessionSummary;
import io.cxmonitor.domain.journeys.Sessions;
import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by customer: joins the sessions of their devices that overlap, or follow each other within
 * the gap, into one journey across web and app (SPEC 3.3), and emits it with its bad experience
 * once no open session of the customer could still join it. Only sessions that belong to a
 * customer come here, and only when they begin and end, so this costs little. A session whose end
 * never comes (forgotten on its way here) stops holding the others back once it could not be open
 * any more: its maximum length and a gap after its start, in event time. A request to forget
 * the customer (the second input) drops what it holds of them.
 */
public final class JourneyJoiner extends KeyedCoProcessFunction<String, DeviceSession, ForgetRequest, SessionSummary> {

    public static final OutputTag<BadExperience> EXPERIENCES = new OutputTag<>("journey-experiences") {};
    /** The name under which it reports a customer forgotten. */
    public static final String FORGETS = "journeys";

    private final SessionAnalyzer analyzer;
    private final Sessions sessions;
    private transient ValueState<CustomerSessions> customer;

    public JourneyJoiner(SessionAnalyzer analyzer, Sessions sessions) {
        this.analyzer = analyzer;
        this.sessions = sessions;
    }

    @Override
    public void open(OpenContext context) {
        customer = getRuntimeContext().getState(new ValueStateDescriptor<>("customer-sessions",
                Types.POJO(CustomerSessions.class)));
    }

    @Override
    public void processElement1(DeviceSession d, Context ctx, Collector<SessionSummary> out) throws Exception {
        CustomerSessions c = customer.value();
        if (c == null) {
            c = new CustomerSessions();
        }
        if (d.finished == null) {
            c.opened(d.device, d.start);
            // a session ends within its maximum length and gap: if its end never comes (forgotten
            // on its way here), the customer's other journeys must not wait for it
            ctx.timerService().registerEventTimeTimer(d.start + sessions.maxLength.toMillis() + sessions.gap.toMillis());
            save(c);
        } else {
            emit(c.finished(d.device, d.finished, sessions), c, ctx, out);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<SessionSummary> out) throws Exception {
        CustomerSessions c = customer.value();
        if (c != null) {
            emit(c.expire(time - sessions.maxLength.toMillis() - sessions.gap.toMillis(), sessions), c, ctx, out);
        }
    }

    private void emit(List<SessionState> journeys, CustomerSessions c, Context ctx, Collector<SessionSummary> out)
            throws Exception {
        SessionAnalyzer.Output experiences = new SessionAnalyzer.Output() {
            @Override
            public void friction(FrictionEvent friction) {} // told by the device's session already

            @Override
            public void badExperience(BadExperience experience) {
                ctx.output(EXPERIENCES, experience);
            }
        };
        for (SessionState journey : journeys) {
            out.collect(analyzer.summarize(journey, experiences));
        }
        save(c);
    }

    private void save(CustomerSessions c) throws Exception {
        if (c.isEmpty()) {
            customer.clear();
        } else {
            customer.update(c);
        }
    }

    @Override
    public void processElement2(ForgetRequest request, Context ctx, Collector<SessionSummary> out) {
        customer.clear();
        ctx.output(ForgetApplied.TAG, ForgetApplied.byKey(request, FORGETS));
    }
}
