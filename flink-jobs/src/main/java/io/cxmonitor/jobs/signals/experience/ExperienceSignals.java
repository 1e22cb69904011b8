package io.cxmonitor.jobs.signals.experience;

import static io.cxmonitor.jobs.time.MinuteWindows.key;
import static io.cxmonitor.jobs.time.MinuteWindows.part;

import io.cxmonitor.domain.experience.BadExperience;
import io.cxmonitor.domain.experience.ExperienceJson;
import io.cxmonitor.jobs.config.CxConfig;
import io.cxmonitor.jobs.config.CxOptions;
import io.cxmonitor.jobs.kafka.KafkaTopics;
import io.cxmonitor.jobs.sink.InfluxPoint;
import io.cxmonitor.jobs.sink.Measurement;
import io.cxmonitor.jobs.sink.Tag;
import io.cxmonitor.jobs.time.MinuteWindows;
import io.cxmonitor.jobs.time.WindowSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Publishes every bad experience of a known customer on {@code cx.experiences} (SPEC 3.5),
 * keyed by customer so the alerting job sees each customer's in order, and counts them per kind
 * and touchpoint for the dashboards: the customer stays in Kafka, out of InfluxDB.
 */
public final class ExperienceSignals {

    public static final Measurement BAD_EXPERIENCES = Measurement.define("cx_bad_experiences",
            EnumSet.of(Tag.KIND, Tag.TOUCHPOINT), "count", "mean_severity");

    private ExperienceSignals() {}

    /** The topic of bad experiences, keyed by customer. */
    public static KafkaSink<BadExperience> sink(CxConfig config) {
        return KafkaTopics.sink(config, config.get(CxOptions.TOPIC_EXPERIENCES), new CustomerKey(), new ExperienceValue());
    }

    /**
     * Bad experiences per minute, kind and touchpoint.
     *
     * @param emittedWithin how long after it happened a bad experience may be found (a session's
     *     is found when the session closes)
     */
    public static DataStream<InfluxPoint> points(DataStream<BadExperience> experiences, Duration emittedWithin,
            WindowSettings windows) {
        return MinuteWindows.tumblingByOwnTime(
                experiences.keyBy(b -> key(b.kind.id(), b.touchpoint), Types.STRING), b -> b.ts, emittedWithin,
                windows, new Count(), new CountPoint(), "bad-experiences-per-minute", "Bad experiences per minute");
    }

    static final class CustomerKey implements SerializationSchema<BadExperience> {
        @Override
        public byte[] serialize(BadExperience b) {
            return b.customerId.getBytes(StandardCharsets.UTF_8);
        }
    }

    static final class ExperienceValue implements SerializationSchema<BadExperience> {
        @Override
        public byte[] serialize(BadExperience b) {
            return ExperienceJson.write(b);
        }
    }

    static final class Count implements AggregateFunction<BadExperience, double[], double[]> {
        @Override
        public double[] createAccumulator() {
            return new double[2];
        }

        @Override
        public double[] add(BadExperience b, double[] acc) {
            acc[0]++;
            acc[1] += b.severity;
            return acc;
        }

        @Override
        public double[] getResult(double[] acc) {
            return acc;
        }

        @Override
        public double[] merge(double[] a, double[] b) {
            a[0] += b[0];
            a[1] += b[1];
            return a;
        }
    }

    static final class CountPoint extends ProcessWindowFunction<double[], InfluxPoint, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<double[]> results, Collector<InfluxPoint> out) {
            double[] c = results.iterator().next();
            out.collect(BAD_EXPERIENCES.point(ctx.window().getEnd())
                    .tag(Tag.KIND, part(key, 0))
                    .tag(Tag.TOUCHPOINT, part(key, 1))
                    .field("count", (long) c[0])
                    .field("mean_severity", c[1] / c[0])
                    .build());
        }
    }
}
