package io.cxmonitor.jobs.ingest;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.jobs.common.types.CxEventType;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends each event where its signals are computed: web and app events to journeys, friction and
 * performance, reviews and support events to sentiment and the support KPIs. Events
 * whose one-minute window has closed beyond the allowed lateness, which no window would take any
 * more, go to a side output, where they are counted ({@code cxLateEvents}) and still tell the bad
 * experience each is by itself.
 */
public final class EventRouter extends ProcessFunction<CxEvent, CxEvent> {

    public static final OutputTag<CxEvent> DIGITAL = CxEventType.tag("digital");
    public static final OutputTag<CxEvent> VOICE = CxEventType.tag("voice");
    public static final OutputTag<CxEvent> LATE = CxEventType.tag("late");

    private final long allowedLatenessMillis;
    private transient Counter late;

    public EventRouter(Duration allowedLateness) {
        this.allowedLatenessMillis = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        late = getRuntimeContext().getMetricGroup().counter("cxLateEvents");
    }

    @Override
    public void processElement(CxEvent e, Context ctx, Collector<CxEvent> out) {
        // Late exactly when the event's one-minute window is gone, as Flink's window operator judges it.
        long windowMaxTimestamp = e.ts - Math.floorMod(e.ts, 60_000L) + 59_999;
        if (windowMaxTimestamp + allowedLatenessMillis <= ctx.timerService().currentWatermark()) {
            late.inc();
            ctx.output(LATE, e);
            return;
        }
        out.collect(e);
        ctx.output(e.stream.isDigital() ? DIGITAL : VOICE, e);
    }
}
