package io.cxmonitor.jobs.common.windows;

import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * One-minute event-time windows by the element's own time rather than the time it was emitted
 * at. A signal derived from a session or a ticket is emitted when a timer closes it, which may be
 * half an hour after the session ended; it still belongs to the minute it happened in, so that a
 * replay writes the same points whatever the timing of the run.
 */
final class OwnTimeMinutes<T> extends WindowAssigner<T, TimeWindow> {

    private static final long MINUTE = 60_000;

    private final EventTimeWatermarks.TimeOf<T> timeOf;

    OwnTimeMinutes(EventTimeWatermarks.TimeOf<T> timeOf) {
        this.timeOf = timeOf;
    }

    @Override
    public Collection<TimeWindow> assignWindows(T element, long timestamp, WindowAssignerContext context) {
        long start = TimeWindow.getWindowStartWithOffset(timeOf.applyAsLong(element), 0, MINUTE);
        return List.of(new TimeWindow(start, start + MINUTE));
    }

    @Override
    public Trigger<T, TimeWindow> getDefaultTrigger() {
        @SuppressWarnings("unchecked")
        Trigger<T, TimeWindow> trigger = (Trigger<T, TimeWindow>) (Trigger<?, ?>) EventTimeTrigger.create();
        return trigger;
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }

    @Override
    public String toString() {
        return "OwnTimeMinutes()";
    }
}
