package io.cxmonitor.jobs.experiences;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.ExperienceCounts;
import io.cxmonitor.domain.experiences.ExperienceJson;
import io.cxmonitor.events.KeyHash;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.jobs.common.windows.Accumulate;
import io.cxmonitor.jobs.common.windows.MinuteWindows;
import io.cxmonitor.jobs.common.windows.WindowSettings;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The bad experiences of known customers (SPEC 3.5), wherever they were found (journeys,
 * sentiment, support): published on {@code cx.experiences}, keyed by customer so the alerting job
 * sees each customer's in order, and counted per kind and touchpoint for the dashboards. The
 * customer stays in Kafka, out of InfluxDB.
 */
public final class ExperienceSignals {

    public static final Measurement BAD_EXPERIENCES = Measurement.define("cx_bad_experiences",
            EnumSet.of(Tag.KIND, Tag.TOUCHPOINT), "count", "mean_severity");

    /** What and where: the key of the counts. */
    public record What(String kind, String touchpoint) {
        static What of(BadExperience b) {
            return new What(b.kind.id(), b.touchpoint);
        }

        @Override
        public int hashCode() {
            return KeyHash.of(kind, touchpoint); // stable across JVMs: it picks the key group
        }
    }

    private ExperienceSignals() {}

    /** The topic of bad experiences, keyed by customer. */
    public static KafkaSink<BadExperience> sink(CxConfig config) {
        return KafkaTopics.sink(config, config.get(CxOptions.TOPIC_EXPERIENCES), b -> b.customerId,
                ExperienceJson::write);
    }

    /**
     * Bad experiences per minute, kind and touchpoint.
     *
     * @param emittedWithin how long after it happened a bad experience may be found (a session's
     *     is found when the session closes)
     */
    public static DataStream<InfluxPoint> points(DataStream<BadExperience> experiences, Duration emittedWithin,
            WindowSettings windows) {
        return MinuteWindows.tumblingByOwnTime(experiences.keyBy(What::of, TypeInformation.of(What.class)),
                b -> b.ts, emittedWithin, windows,
                Accumulate.of(ExperienceCounts.class, ExperienceCounts::new, ExperienceCounts::add, ExperienceCounts::merge),
                ExperienceSignals::point, "bad-experiences-per-minute", "Bad experiences per minute");
    }

    static void point(What what, long end, ExperienceCounts c, Consumer<InfluxPoint> out) {
        out.accept(BAD_EXPERIENCES.point(end)
                .tag(Tag.KIND, what.kind())
                .tag(Tag.TOUCHPOINT, what.touchpoint())
                .field("count", c.count)
                .field("mean_severity", c.meanSeverity())
                .build());
    }
}
