package io.cxmonitor.jobs.common.windows;

import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import java.io.Serializable;
import java.time.Duration;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;
import org.apache.flink.util.clock.RelativeClock;

/**
 * The one watermark strategy of every source (SPEC 3): bounded out-of-orderness per Kafka
 * partition, idleness so that a quiet partition does not hold back event time, and a clamp to the
 * wall clock plus {@code watermark.max-ahead}, so that one future-dated record, valid as it may be,
 * cannot move event time a day ahead and make everything real "late". The record keeps its own
 * timestamp: it is counted at its own time, once event time gets there.
 *
 * <p>A partition that has been quiet for as long as the out-of-orderness (by Flink's input
 * activity clock, which stands still while the job is back-pressured) has nothing on its way that
 * could still be on time for what it sent last, so event time moves up to its latest event. Without
 * that, the last seconds before a pause (the last events of a replay, a burst typed into a console
 * producer, an outage at night) would wait for the next event to be counted, or to make an
 * incident.
 */
public final class EventTimeWatermarks<T> implements WatermarkGenerator<T> {

    /** A serializable timestamp of an element. */
    public interface TimeOf<T> extends ToLongFunction<T>, Serializable {}

    /** Which elements may move event time (dead letters may not). */
    public interface DrivesTime<T> extends Serializable {
        boolean test(T element);
    }

    private final WatermarkGenerator<T> delegate;
    private final DrivesTime<T> drivesTime;
    private final long maxAheadMillis;
    private final long quietMillis;
    private final RelativeClock activity;
    private long latest = Long.MIN_VALUE;
    /** Events that drove time so far, and how many of them the last periodic emit had seen, and when. */
    private long events;
    private long eventsSeen;
    private long lastEventSeenAt;
    private long emitted = Long.MIN_VALUE;
    private WatermarkOutput risingFor;
    private WatermarkOutput rising;

    private EventTimeWatermarks(WatermarkGenerator<T> delegate, DrivesTime<T> drivesTime, long maxAheadMillis,
            long quietMillis, RelativeClock activity) {
        this.delegate = delegate;
        this.drivesTime = drivesTime;
        this.maxAheadMillis = maxAheadMillis;
        this.quietMillis = quietMillis;
        this.activity = activity;
    }

    public static <T> WatermarkStrategy<T> of(CxConfig config, TimeOf<T> timeOf) {
        return of(config, timeOf, element -> true);
    }

    public static <T> WatermarkStrategy<T> of(CxConfig config, TimeOf<T> timeOf, DrivesTime<T> drivesTime) {
        Duration outOfOrderness = config.get(CxOptions.WATERMARK_OUT_OF_ORDERNESS);
        Duration idleness = config.get(CxOptions.WATERMARK_IDLENESS);
        long maxAhead = config.get(CxOptions.WATERMARK_MAX_AHEAD).toMillis();
        return WatermarkStrategy.<T>forGenerator(ctx -> new EventTimeWatermarks<>(
                        new WatermarksWithIdleness<>(new BoundedOutOfOrdernessWatermarks<>(outOfOrderness), idleness,
                                ctx.getInputActivityClock()), drivesTime, maxAhead, outOfOrderness.toMillis(),
                        ctx.getInputActivityClock()))
                .withTimestampAssigner((element, kafkaTimestamp) -> timeOf.applyAsLong(element));
    }

    /**
     * For a stream without event time of its own (control messages, privacy requests): always
     * idle, so that it never holds back the event time of the operators it joins, not even for the
     * idleness after a message (a stream that emitted nothing but records would). Its records flow
     * all the same.
     */
    public static <T> WatermarkStrategy<T> outsideEventTime() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<T>() {
            @Override
            public void onEvent(T element, long timestamp, WatermarkOutput output) {}

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        });
    }

    @Override
    public void onEvent(T element, long timestamp, WatermarkOutput output) {
        if (drivesTime.test(element)) {
            long clamped = Math.min(timestamp, System.currentTimeMillis() + maxAheadMillis);
            latest = Math.max(latest, clamped);
            events++; // the clock is read at the periodic emit, not for every event
            // bounded out-of-orderness and idleness emit nothing here, only at the periodic emit
            delegate.onEvent(element, clamped, output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = activity.relativeTimeMillis();
        if (events != eventsSeen) {
            eventsSeen = events;
            lastEventSeenAt = now;
        }
        WatermarkOutput out = rising(output);
        if (latest != Long.MIN_VALUE && latest > emitted && now - lastEventSeenAt >= quietMillis) {
            out.emitWatermark(new Watermark(latest)); // everything up to the latest event is here
        }
        delegate.onPeriodicEmit(out);
    }

    /** The output, passing on only watermarks above those already emitted (made once per output). */
    private WatermarkOutput rising(WatermarkOutput output) {
        if (risingFor == output) {
            return rising;
        }
        risingFor = output;
        rising = new WatermarkOutput() {
            @Override
            public void emitWatermark(Watermark watermark) {
                if (watermark.getTimestamp() > emitted) {
                    emitted = watermark.getTimestamp();
                    output.emitWatermark(watermark);
                }
            }

            @Override
            public void markIdle() {
                output.markIdle();
            }

            @Override
            public void markActive() {
                output.markActive();
            }
        };
        return rising;
    }
}
