package io.cxmonitor.jobs.common.windows;

import io.cxmonitor.jobs.common.influx.InfluxPoint;
import java.io.Serializable;
import java.util.function.Consumer;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * How a signal turns the result of a window into points: given the key, the window's end (the
 * points' deterministic timestamp) and the accumulator. One window function serves every signal.
 */
public interface PointsOf<K, A> extends Serializable {

    void points(K key, long windowEnd, A result, Consumer<InfluxPoint> out);

    /** The window function that calls this. */
    default ProcessWindowFunction<A, InfluxPoint, K, TimeWindow> windowFunction() {
        PointsOf<K, A> points = this;
        return new ProcessWindowFunction<>() {
            @Override
            public void process(K key, Context ctx, Iterable<A> results, Collector<InfluxPoint> out) {
                points.points(key, ctx.window().getEnd(), results.iterator().next(), out::collect);
            }
        };
    }
}
