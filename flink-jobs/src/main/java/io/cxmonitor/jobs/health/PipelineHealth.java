package io.cxmonitor.jobs.health;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.DeadLetter;
import io.cxmonitor.events.DeadLetterReason;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import io.cxmonitor.jobs.common.windows.Accumulate;
import io.cxmonitor.jobs.common.windows.MinuteCounts;
import io.cxmonitor.jobs.common.windows.MinuteWindows;
import io.cxmonitor.jobs.common.windows.WindowSettings;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;

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

    private PipelineHealth() {}

    /**
     * @param events the valid events that reached their windows in time
     * @param deadLetters the refused records
     */
    public static DataStream<InfluxPoint> points(DataStream<CxEvent> events, DataStream<DeadLetter> deadLetters,
            WindowSettings windows) {
        // every event passes here: counted where it is, only the counts cross the network
        DataStream<InfluxPoint> eventCounts = MinuteWindows.tumbling(events
                        .transform("Count per stream and type", TypeInformation.of(MinuteCounts.Count.class),
                                new MinuteCounts<>(PipelineHealth::streamAndType))
                        .uid("health-event-minute-counts")
                        .keyBy(c -> c.key, Types.INT),
                windows, MinuteCounts.Count.sum(), PipelineHealth::eventCount, "health-event-counts",
                "Events per stream and type per minute");
        DataStream<InfluxPoint> deadLetterCounts = MinuteWindows.tumbling(
                deadLetters.keyBy(PipelineHealth::streamAndReason, Types.INT),
                windows, Accumulate.count(), PipelineHealth::deadLetterCount, "health-dead-letter-counts",
                "Dead letters per stream and reason per minute");
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

    private static void eventCount(Integer key, long end, Long count, Consumer<InfluxPoint> out) {
        out.accept(EVENTS.point(end)
                .tag(Tag.STREAM, streamOf(key).id())
                .tag(Tag.TYPE, EventType.values()[key & 0xff].wireName())
                .field("count", count)
                .build());
    }

    private static void deadLetterCount(Integer key, long end, Long count, Consumer<InfluxPoint> out) {
        out.accept(DEAD_LETTERS.point(end)
                .tag(Tag.STREAM, streamOf(key).id())
                .tag(Tag.REASON, DeadLetterReason.values()[key & 0xff].id())
                .field("count", count)
                .build());
    }
}
