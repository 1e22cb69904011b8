package io.cxmonitor.jobs.health;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.DeadLetter;
import io.cxmonitor.events.DeadLetterReason;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.sink.InfluxPoint;
import io.cxmonitor.jobs.sink.Measurement;
import io.cxmonitor.jobs.sink.Tag;
import io.cxmonitor.jobs.time.Count;
import io.cxmonitor.jobs.time.WindowSettings;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The pipeline-health signals: how many events of each stream and type arrive per minute, and how
 * many records are dead-lettered per stream and reason. Operations read them to tell a quiet
 * customer base from a broken integration.
 */
public final class PipelineHealth {

    /** Valid events per stream and type, per minute of event time. */
    public static final Measurement EVENTS =
            Measurement.define("cx_events", EnumSet.of(Tag.STREAM, Tag.TYPE), "count");

    /** Refused records per stream and reason, per minute of Kafka record time. */
    public static final Measurement DEAD_LETTERS =
            Measurement.define("cx_dead_letters", EnumSet.of(Tag.STREAM, Tag.REASON), "count");

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private PipelineHealth() {}

    /**
     * @param events the valid events that reached their windows in time
     * @param deadLetters the refused records
     */
    public static DataStream<InfluxPoint> points(DataStream<CxEvent> events, DataStream<DeadLetter> deadLetters,
            WindowSettings windows) {
        DataStream<InfluxPoint> eventCounts = events
                .map(PipelineHealth::streamAndType).returns(Types.INT).name("Stream and type")
                .keyBy(code -> code, Types.INT)
                .window(TumblingEventTimeWindows.of(MINUTE))
                .trigger(windows.trigger())
                .allowedLateness(windows.allowedLateness)
                .aggregate(new Count<>(), new EventCountPoint())
                .uid("health-event-counts")
                .name("Events per stream and type per minute");
        DataStream<InfluxPoint> deadLetterCounts = deadLetters
                .keyBy(PipelineHealth::streamAndReason, Types.INT)
                .window(TumblingEventTimeWindows.of(MINUTE))
                .trigger(windows.trigger())
                .allowedLateness(windows.allowedLateness)
                .aggregate(new Count<>(), new DeadLetterCountPoint())
                .uid("health-dead-letter-counts")
                .name("Dead letters per stream and reason per minute");
        return eventCounts.union(deadLetterCounts);
    }

    // Small integer keys: cheaper to hash and serialize than composite string keys.
    private static int streamAndType(CxEvent e) {
        return e.stream.ordinal() << 8 | e.type.ordinal();
    }

    private static int streamAndReason(DeadLetter d) {
        return d.stream.ordinal() << 8 | d.reason.ordinal();
    }

    private static Stream streamOf(int key) {
        return Stream.values()[key >>> 8];
    }

    private static final class EventCountPoint extends ProcessWindowFunction<Long, InfluxPoint, Integer, TimeWindow> {
        @Override
        public void process(Integer key, Context ctx, Iterable<Long> counts, Collector<InfluxPoint> out) {
            out.collect(EVENTS.point(ctx.window().getEnd())
                    .tag(Tag.STREAM, streamOf(key).id())
                    .tag(Tag.TYPE, EventType.values()[key & 0xff].wireName())
                    .field("count", counts.iterator().next())
                    .build());
        }
    }

    private static final class DeadLetterCountPoint
            extends ProcessWindowFunction<Long, InfluxPoint, Integer, TimeWindow> {
        @Override
        public void process(Integer key, Context ctx, Iterable<Long> counts, Collector<InfluxPoint> out) {
            out.collect(DEAD_LETTERS.point(ctx.window().getEnd())
                    .tag(Tag.STREAM, streamOf(key).id())
                    .tag(Tag.REASON, DeadLetterReason.values()[key & 0xff].id())
                    .field("count", counts.iterator().next())
                    .build());
        }
    }
}
