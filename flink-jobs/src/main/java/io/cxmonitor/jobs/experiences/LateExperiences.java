package io.cxmonitor.jobs.experiences;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.EventExperiences;
import io.cxmonitor.domain.journeys.Sessions;
import io.cxmonitor.events.CxEvent;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The bad experience each late event is by itself ({@link EventExperiences}), keyed by device: a
 * crash report sent at the app's next start is late for every window, not for its customer. Like
 * a device's on-time events, a burst of crashes or failed payments is one bad experience per kind
 * and episode, not one each, which would escalate the alert.
 */
public final class LateExperiences extends KeyedProcessFunction<String, CxEvent, BadExperience> {

    /** A burst of late reports comes together; what the device reported is kept this long. */
    private static final Duration KEPT = Duration.ofHours(2);

    private final EventExperiences ofItself;
    private final Sessions sessions;
    private transient ValueState<Long> reportedAt;
    private transient ValueState<Integer> reportedKinds;

    public LateExperiences(EventExperiences ofItself, Sessions sessions) {
        this.ofItself = ofItself;
        this.sessions = sessions;
    }

    @Override
    public void open(OpenContext context) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(KEPT).build();
        ValueStateDescriptor<Long> at = new ValueStateDescriptor<>("reported-at", Types.LONG);
        at.enableTimeToLive(ttl);
        ValueStateDescriptor<Integer> kinds = new ValueStateDescriptor<>("reported-kinds", Types.INT);
        kinds.enableTimeToLive(ttl);
        reportedAt = getRuntimeContext().getState(at);
        reportedKinds = getRuntimeContext().getState(kinds);
    }

    @Override
    public void processElement(CxEvent e, Context ctx, Collector<BadExperience> out) throws Exception {
        BadExperience bad = ofItself.of(e);
        if (bad == null) {
            return;
        }
        if (e.stream.isDigital()) { // texts and answers are each their own, on time or late
            Long at = reportedAt.value();
            int kinds = reportedKinds.value() == null ? 0 : reportedKinds.value();
            if (!sessions.isNews(at, kinds, bad)) {
                return;
            }
            reportedKinds.update(sessions.kindsAfter(at, kinds, bad));
            reportedAt.update(bad.ts);
        }
        out.collect(bad);
    }
}
