package io.cxmonitor.jobs.health;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts the events that came too late for their window, keyed by stream, per minute of their own
 * event time: windows cannot count them, since their minute has closed. Counts are published
 * every update interval, and a minute is forgotten an hour after its last late event.
 */
public final class LateEvents extends KeyedProcessFunction<String, CxEvent, InfluxPoint> {

    public static final Measurement LATE = Measurement.define("cx_late_events", EnumSet.of(Tag.STREAM), "count");

    private static final long KEEP_MILLIS = Duration.ofHours(1).toMillis();

    private final long updateMillis;
    /** Minute end → (count, processing time of the last late event). */
    private transient MapState<Long, Tuple2<Long, Long>> minutes;
    private transient ValueState<Long> flushAt;

    public LateEvents(Duration updateInterval) {
        this.updateMillis = updateInterval.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        minutes = getRuntimeContext().getMapState(new MapStateDescriptor<>("late-per-minute", Types.LONG,
                Types.TUPLE(Types.LONG, Types.LONG)));
        flushAt = getRuntimeContext().getState(new ValueStateDescriptor<>("flush-at", Types.LONG));
    }

    @Override
    public void processElement(CxEvent e, Context ctx, Collector<InfluxPoint> out) throws Exception {
        long minuteEnd = e.ts - Math.floorMod(e.ts, 60_000L) + 60_000;
        long now = ctx.timerService().currentProcessingTime();
        Tuple2<Long, Long> count = minutes.get(minuteEnd);
        minutes.put(minuteEnd, Tuple2.of(count == null ? 1 : count.f0 + 1, now));
        if (flushAt.value() == null) {
            flushAt.update(now + updateMillis);
            ctx.timerService().registerProcessingTimeTimer(now + updateMillis);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<InfluxPoint> out) throws Exception {
        List<Long> forget = new ArrayList<>();
        boolean recent = false;
        for (Map.Entry<Long, Tuple2<Long, Long>> m : minutes.entries()) {
            if (m.getValue().f1 >= time - updateMillis) {
                out.collect(LATE.point(m.getKey()).tag(Tag.STREAM, ctx.getCurrentKey())
                        .field("count", m.getValue().f0).build());
            }
            if (m.getValue().f1 < time - KEEP_MILLIS) {
                forget.add(m.getKey());
            } else {
                recent = true;
            }
        }
        for (Long minute : forget) {
            minutes.remove(minute);
        }
        if (recent) {
            flushAt.update(time + updateMillis);
            ctx.timerService().registerProcessingTimeTimer(time + updateMillis);
        } else {
            flushAt.clear();
        }
    }
}
