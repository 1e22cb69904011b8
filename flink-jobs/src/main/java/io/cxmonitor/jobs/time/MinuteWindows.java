package io.cxmonitor.jobs.time;

import java.time.Duration;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** The event-time windows of the signals: published early, corrected by late events. */
public final class MinuteWindows {

    public static final Duration MINUTE = Duration.ofMinutes(1);

    private MinuteWindows() {}

    /** One-minute tumbling windows. */
    public static <T, K, A, R> SingleOutputStreamOperator<R> tumbling(KeyedStream<T, K> keyed, WindowSettings settings,
            AggregateFunction<T, A, A> aggregate, ProcessWindowFunction<A, R, K, TimeWindow> emit, String uid,
            String name) {
        return keyed.window(TumblingEventTimeWindows.of(MINUTE))
                .trigger(settings.trigger())
                .allowedLateness(settings.allowedLateness)
                .aggregate(aggregate, emit)
                .uid(uid)
                .name(name);
    }

    /**
     * One-minute tumbling windows by each element's own event time, for signals emitted late by
     * design (when a session or ticket closes): their windows stay open for {@code emittedWithin}
     * after the minute, on top of the allowed lateness.
     */
    public static <T, K, A, R> SingleOutputStreamOperator<R> tumblingByOwnTime(KeyedStream<T, K> keyed,
            EventTimeWatermarks.TimeOf<T> timeOf, Duration emittedWithin, WindowSettings settings,
            AggregateFunction<T, A, A> aggregate, ProcessWindowFunction<A, R, K, TimeWindow> emit, String uid,
            String name) {
        return keyed.window(new OwnTimeMinutes<>(timeOf))
                .trigger(settings.trigger())
                .allowedLateness(settings.allowedLateness.plus(emittedWithin))
                .aggregate(aggregate, emit)
                .uid(uid)
                .name(name);
    }

    /** Windows of {@code size} that slide by one minute: a point every minute over the last {@code size}. */
    public static <T, K, A, R> SingleOutputStreamOperator<R> sliding(KeyedStream<T, K> keyed, Duration size,
            WindowSettings settings, AggregateFunction<T, A, A> aggregate, ProcessWindowFunction<A, R, K, TimeWindow> emit,
            String uid, String name) {
        return keyed.window(SlidingEventTimeWindows.of(size, MINUTE))
                .trigger(settings.trigger())
                .allowedLateness(settings.allowedLateness)
                .aggregate(aggregate, emit)
                .uid(uid)
                .name(name);
    }

    /** Joins tag values into one window key; {@link #part} takes them apart. */
    public static String key(String... parts) {
        return String.join("\u0001", parts);
    }

    public static String part(String key, int index) {
        String[] parts = key.split("\u0001", -1);
        return parts[index];
    }
}
