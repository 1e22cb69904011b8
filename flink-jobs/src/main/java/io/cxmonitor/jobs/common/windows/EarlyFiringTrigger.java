package io.cxmonitor.jobs.common.windows;

import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * An event-time trigger that also publishes the running result of an open window every
 * {@code interval} of processing time, but only when new elements arrived since the last result.
 *
 * <p>Dashboards therefore move in real time, and a single event typed into a console producer
 * shows up without waiting for later events to advance the watermark. Results are written with
 * the window's own timestamp, so each update overwrites the previous one in InfluxDB. The final
 * result fires when the watermark passes the window. Late elements within the allowed lateness
 * fire a corrected result at the next advance of the watermark (before the window can be purged)
 * or after the update interval, whichever comes first: a stream of late elements, such as the
 * sessions that close half an hour after they ended, costs one result per window and update, not
 * one per element.
 */
public final class EarlyFiringTrigger extends Trigger<Object, TimeWindow> {

    private final long intervalMillis;
    private final ValueStateDescriptor<Long> pendingUpdate =
            new ValueStateDescriptor<>("pending-update", Types.LONG);

    private EarlyFiringTrigger(long intervalMillis) {
        this.intervalMillis = intervalMillis;
    }

    public static EarlyFiringTrigger every(Duration interval) {
        return new EarlyFiringTrigger(interval.toMillis());
    }

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext ctx)
            throws Exception {
        // For a late element this timer is already due: it fires at the next watermark advance.
        ctx.registerEventTimeTimer(window.maxTimestamp());
        ValueState<Long> pending = ctx.getPartitionedState(pendingUpdate);
        if (pending.value() == null) {
            long due = ctx.getCurrentProcessingTime() + intervalMillis;
            ctx.registerProcessingTimeTimer(due);
            pending.update(due);
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        ctx.getPartitionedState(pendingUpdate).clear();
        return TriggerResult.FIRE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx) throws Exception {
        if (time != window.maxTimestamp()) {
            return TriggerResult.CONTINUE;
        }
        cancelPendingUpdate(ctx);
        return TriggerResult.FIRE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) throws Exception {
        ctx.deleteEventTimeTimer(window.maxTimestamp());
        cancelPendingUpdate(ctx);
    }

    private void cancelPendingUpdate(TriggerContext ctx) throws Exception {
        ValueState<Long> pending = ctx.getPartitionedState(pendingUpdate);
        Long due = pending.value();
        if (due != null) {
            ctx.deleteProcessingTimeTimer(due);
            pending.clear();
        }
    }

    @Override
    public String toString() {
        return "EarlyFiringTrigger(every " + intervalMillis + " ms)";
    }
}
