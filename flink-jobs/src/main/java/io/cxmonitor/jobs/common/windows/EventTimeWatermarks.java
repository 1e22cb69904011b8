package io.cxmonitor.jobs.common.windows;

import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import java.io.Serializable;
import java.time.Duration;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;

/**
 * The one watermark strategy of every source (SPEC 3): bounded out-of-orderness per Kafka
 * partition, idleness so that a quiet partition does not hold back event time, and a clamp to the
 * wall clock plus {@code watermark.max-ahead}, so that one future-dated record, valid as it may be,
 * cannot move event time a day ahead and make everything real "late". The record keeps its own
 * timestamp: it is counted at its own time, once event time gets there.
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

    private EventTimeWatermarks(WatermarkGenerator<T> delegate, DrivesTime<T> drivesTime, long maxAheadMillis) {
        this.delegate = delegate;
        this.drivesTime = drivesTime;
        this.maxAheadMillis = maxAheadMillis;
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
                                ctx.getInputActivityClock()), drivesTime, maxAhead))
                .withTimestampAssigner((element, kafkaTimestamp) -> timeOf.applyAsLong(element));
    }

    @Override
    public void onEvent(T element, long timestamp, WatermarkOutput output) {
        if (drivesTime.test(element)) {
            delegate.onEvent(element, Math.min(timestamp, System.currentTimeMillis() + maxAheadMillis), output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        delegate.onPeriodicEmit(output);
    }
}
