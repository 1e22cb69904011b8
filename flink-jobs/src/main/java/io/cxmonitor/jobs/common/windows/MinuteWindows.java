package io.cxmonitor.jobs.common.windows;

import io.cxmonitor.jobs.common.influx.InfluxPoint;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.datastream.WindowedStream;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * The event-time windows of the signals, one minute unless said otherwise: published early,
 * corrected by late events, and turned into points at the window's end.
 */
public final class MinuteWindows {

    public static final Duration MINUTE = Duration.ofMinutes(1);

    /**
     * The last part of every window's uid, raised whenever the window keys or accumulators change
     * type: Flink cannot restore such state, but it can leave it behind. A savepoint of the
     * previous version then restores with {@code --allowNonRestoredState}: the other operators
     * keep their uids, and the windows open at the savepoint start again (the points of those
     * minutes count only what came after it). Version 2: keys are records of written tag values,
     * accumulators are domain classes.
     */
    static final String STATE_VERSION = "-v2";

    private MinuteWindows() {}

    /** One-minute tumbling windows by the records' event time. */
    public static <T, K, A> SingleOutputStreamOperator<InfluxPoint> tumbling(KeyedStream<T, K> keyed,
            WindowSettings settings, Accumulate<T, A> accumulate, PointsOf<K, A> points, String uid, String name) {
        return points(keyed.window(TumblingEventTimeWindows.of(MINUTE)), settings.allowedLateness, settings,
                accumulate, points, uid, name);
    }

    /**
     * One-minute tumbling windows by each element's own event time, for signals emitted late by
     * design (when a session or ticket closes): their windows stay open for {@code emittedWithin}
     * after the minute, on top of the allowed lateness.
     */
    public static <T, K, A> SingleOutputStreamOperator<InfluxPoint> tumblingByOwnTime(KeyedStream<T, K> keyed,
            EventTimeWatermarks.TimeOf<T> timeOf, Duration emittedWithin, WindowSettings settings,
            Accumulate<T, A> accumulate, PointsOf<K, A> points, String uid, String name) {
        return points(keyed.window(new OwnTimeMinutes<>(timeOf)), settings.allowedLateness.plus(emittedWithin), settings,
                accumulate, points, uid, name);
    }

    /**
     * Windows of {@code size} that slide by one minute: a point every minute over the last
     * {@code size}, from one accumulator per minute ({@link SlidingMinutes}), not published early.
     */
    public static <T, K, A> SingleOutputStreamOperator<InfluxPoint> sliding(KeyedStream<T, K> keyed, Duration size,
            WindowSettings settings, Accumulate<T, A> accumulate, PointsOf<K, A> points, String uid, String name) {
        return keyed.process(new SlidingMinutes<>(size, settings.allowedLateness, accumulate, points))
                .returns(InfluxPoint.class)
                .uid(uid + "-slices")
                .name(name);
    }

    private static <T, K, A> SingleOutputStreamOperator<InfluxPoint> points(WindowedStream<T, K, TimeWindow> windows,
            Duration lateness, WindowSettings settings, Accumulate<T, A> accumulate, PointsOf<K, A> points, String uid,
            String name) {
        return windows.trigger(settings.trigger())
                .allowedLateness(lateness)
                .aggregate(accumulate, points.windowFunction(), accumulate.type(), accumulate.type(),
                        TypeInformation.of(InfluxPoint.class))
                .uid(uid + STATE_VERSION)
                .name(name);
    }
}
