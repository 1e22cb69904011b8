package io.cxmonitor.jobs.common.windows;

import io.cxmonitor.jobs.common.influx.InfluxPoint;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Windows of {@code size} minutes that slide by one minute, made of one accumulator per minute
 * (a slice) rather than by adding each element to every window that holds it: an element costs one
 * state update instead of {@code size}, and a window is {@code size} merges once, when it is
 * published.
 *
 * <p>A window is published when event time passes its end, with the window's end as its
 * timestamp, every minute while the key has slices within reach; a late element within the allowed
 * lateness publishes the windows it changes again at the next advance of the watermark, so their
 * points are overwritten with the corrected values. Unlike the one-minute windows, these are not
 * published early: a 15-minute view gains little from updates within its newest minute.
 */
public final class SlidingMinutes<K, T, A> extends KeyedProcessFunction<K, T, InfluxPoint> {

    private static final long MINUTE = MinuteWindows.MINUTE.toMillis();

    private final long size;
    private final long lateness;
    private final Accumulate<T, A> accumulate;
    private final PointsOf<K, A> points;
    private transient MapState<Long, A> slices;
    private transient ValueState<Long> correctFrom;

    public SlidingMinutes(Duration size, Duration allowedLateness, Accumulate<T, A> accumulate, PointsOf<K, A> points) {
        if (size.toMillis() % MINUTE != 0 || size.toMillis() < MINUTE) {
            throw new IllegalArgumentException("a whole number of minutes, not " + size);
        }
        this.size = size.toMillis();
        this.lateness = allowedLateness.toMillis();
        this.accumulate = accumulate;
        this.points = points;
    }

    @Override
    public void open(OpenContext context) {
        slices = getRuntimeContext().getMapState(new MapStateDescriptor<>("slices", Types.LONG, accumulate.type()));
        correctFrom = getRuntimeContext().getState(new ValueStateDescriptor<>("correct-from", Types.LONG));
    }

    @Override
    public void processElement(T element, Context ctx, Collector<InfluxPoint> out) throws Exception {
        long minute = ctx.timestamp() - Math.floorMod(ctx.timestamp(), MINUTE);
        long watermark = ctx.timerService().currentWatermark();
        if (gone(minute + size, watermark)) {
            return; // every window that holds it is beyond the allowed lateness, as Flink's windows judge it
        }
        A slice = slices.get(minute);
        slices.put(minute, accumulate.add(element, slice == null ? accumulate.createAccumulator() : slice));
        long firstEnd = minute + MINUTE;
        if (firstEnd - 1 <= watermark) {
            // windows already published: published again, corrected, when the watermark moves on
            Long from = correctFrom.value();
            if (from == null || firstEnd < from) {
                correctFrom.update(firstEnd);
            }
            ctx.timerService().registerEventTimeTimer(watermark + 1);
        } else {
            ctx.timerService().registerEventTimeTimer(firstEnd - 1);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
        long lastEnd = time + 1 - Math.floorMod(time + 1, MINUTE); // the newest window that event time passed
        Long from = correctFrom.value();
        if (from != null) {
            correctFrom.clear();
            for (long end = from; end <= lastEnd; end += MINUTE) {
                if (!gone(end, time)) {
                    publish(ctx.getCurrentKey(), end, out);
                }
            }
        } else if (time == lastEnd - 1) {
            publish(ctx.getCurrentKey(), lastEnd, out);
        }
        // forget the slices no window can change any more; look again when the next window ends
        long newest = Long.MIN_VALUE;
        for (var i = slices.iterator(); i.hasNext(); ) {
            long minute = i.next().getKey();
            if (gone(minute + size, time)) {
                i.remove();
            } else {
                newest = Math.max(newest, minute);
            }
        }
        if (newest == Long.MIN_VALUE) {
            slices.clear();
        } else if (newest + size > lastEnd) {
            ctx.timerService().registerEventTimeTimer(lastEnd + MINUTE - 1);
        } else {
            ctx.timerService().registerEventTimeTimer(newest + size - 1 + lateness); // to forget them
        }
    }

    /** Whether the window ending at {@code end} is beyond the allowed lateness at {@code watermark}. */
    private boolean gone(long end, long watermark) {
        return end - 1 + lateness <= watermark;
    }

    /** The window of {@code size} ending at {@code end}, when it holds anything. */
    private void publish(K key, long end, Collector<InfluxPoint> out) throws Exception {
        A window = null;
        for (Map.Entry<Long, A> slice : slices.entries()) {
            if (slice.getKey() >= end - size && slice.getKey() < end) {
                window = accumulate.merge(window == null ? accumulate.createAccumulator() : window, slice.getValue());
            }
        }
        if (window != null) {
            points.points(key, end, window, out::collect);
        }
    }
}
