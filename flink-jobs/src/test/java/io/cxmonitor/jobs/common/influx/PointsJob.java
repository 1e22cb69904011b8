package io.cxmonitor.jobs.common.influx;

import io.cxmonitor.jobs.FailOnceAfterCheckpoint;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A job that writes {@code count} known points through the sink: point {@code i} is
 * {@code sink_test,source=s<i%10> value=<i>i} at time {@code BASE + i} ms.
 */
final class PointsJob {

    static final long BASE = 1_763_888_400_000L;
    static final Measurement POINTS = Measurement.define("sink_test", EnumSet.of(Tag.SOURCE), "value");

    private PointsJob() {}

    static void define(StreamExecutionEnvironment env, InfluxSettings settings, long count, double perSecond,
            boolean failOnceAfterCheckpoint) {
        DataStream<Long> numbers = env.fromSource(
                new DataGeneratorSource<>(i -> i, count, RateLimiterStrategy.perSecond(perSecond), Types.LONG),
                WatermarkStrategy.noWatermarks(), "numbers");
        if (failOnceAfterCheckpoint) {
            numbers = numbers.map(new FailOnceAfterCheckpoint()).name("fail once after a checkpoint");
        }
        numbers.map(PointsJob::point).returns(InfluxPoint.class)
                .sinkTo(new InfluxSink(settings)).name("InfluxDB");
    }

    static InfluxPoint point(long i) {
        return POINTS.point(BASE + i).tag(Tag.SOURCE, "s" + (i % 10)).field("value", i).build();
    }

    static InfluxSettings settings(String url, String database) {
        return new InfluxSettings(url, database, "", Duration.ofDays(400), "", "", true, false, 5000, Duration.ofMillis(200),
                new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMinutes(2)), 2000);
    }

    /** Throws once, after the first checkpoint completed, to make the job restore from it. */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<Long, Long> implements CheckpointListener {
        static final AtomicBoolean CHECKPOINTED = new AtomicBoolean();
        static final AtomicBoolean FAILED = new AtomicBoolean();

        static void reset() {
            CHECKPOINTED.set(false);
            FAILED.set(false);
        }

        @Override
        public Long map(Long value) {
            if (CHECKPOINTED.get() && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("failure injected after the first checkpoint");
            }
            return value;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            CHECKPOINTED.set(true);
        }
    }
}
