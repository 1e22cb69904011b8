package io.cxmonitor.jobs.anomalies;

import io.cxmonitor.domain.anomalies.AnomalySettings;
import io.cxmonitor.domain.anomalies.AnomalyTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by series: keeps the latest value of each minute (a window publishes early, then final)
 * and, once event time has passed the minute by the time its points may take, feeds the minutes to
 * the series' {@link AnomalyTracker} in order. A count's minute without a point is taken as 0; while
 * a count is anomalous, a timer judges its silent minutes too, so that it resolves when it stops
 * (not at the end of a bounded input, when no minute comes after).
 */
final class AnomalyFunction extends KeyedProcessFunction<String, SeriesValue, AnomalyEvent> {

    private static final long MINUTE = 60_000;
    private static final Duration FORGOTTEN_AFTER = Duration.ofDays(60);

    private final AnomalySettings settings;
    private final long bySession;
    private transient ValueState<AnomalyTracker> tracker;
    private transient MapState<Long, Double> minutes;
    /** The weight of each minute of a pooled series (a rate or a mean). */
    private transient MapState<Long, Double> weights;
    private transient ValueState<String> series;

    AnomalyFunction(AnomalySettings settings, Duration bySession) {
        this.settings = settings;
        this.bySession = bySession.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        // a series gone for two months (an old app version) is forgotten; a value a minute is no hot path
        StateTtlConfig gone = StateTtlConfig.newBuilder(FORGOTTEN_AFTER).build();
        ValueStateDescriptor<AnomalyTracker> trackerState = new ValueStateDescriptor<>("tracker",
                Types.POJO(AnomalyTracker.class));
        trackerState.enableTimeToLive(gone);
        ValueStateDescriptor<String> seriesState = new ValueStateDescriptor<>("watched", Types.STRING);
        seriesState.enableTimeToLive(gone);
        tracker = getRuntimeContext().getState(trackerState);
        minutes = getRuntimeContext().getMapState(new MapStateDescriptor<>("minutes", Types.LONG, Types.DOUBLE));
        weights = getRuntimeContext().getMapState(new MapStateDescriptor<>("weights", Types.LONG, Types.DOUBLE));
        series = getRuntimeContext().getState(seriesState);
    }

    @Override
    public void processElement(SeriesValue v, Context ctx, Collector<AnomalyEvent> out) throws Exception {
        AnomalyTracker t = tracker.value();
        if (t != null && v.minute <= t.lastMinute) {
            return; // judged already
        }
        AnomalySignals.Watched w = AnomalySignals.WATCHED.get(v.watched);
        minutes.put(v.minute, v.value);
        if (w.pooled()) {
            weights.put(v.minute, v.weight);
        }
        series.update(v.watched + " " + v.series); // each point keeps it from expiring
        ctx.timerService().registerEventTimeTimer(v.minute + MINUTE + (w.bySession() ? bySession : 0));
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<AnomalyEvent> out) throws Exception {
        String watchedSeries = series.value();
        if (watchedSeries == null) { // not seen for two months: forgotten
            tracker.clear();
            minutes.clear();
            weights.clear();
            return;
        }
        String[] watchedAndSeries = watchedSeries.split(" ", 2);
        int watched = Integer.parseInt(watchedAndSeries[0]);
        AnomalySignals.Watched w = AnomalySignals.WATCHED.get(watched);
        long settle = MINUTE + (w.bySession() ? bySession : 0);
        long due = Math.floorDiv(time - settle, MINUTE) * MINUTE;
        List<Long> ready = new ArrayList<>();
        for (Map.Entry<Long, Double> e : minutes.entries()) {
            if (e.getKey() <= due) {
                ready.add(e.getKey());
            }
        }
        ready.sort(null);
        AnomalyTracker t = tracker.value();
        if (t == null) {
            t = new AnomalyTracker();
        }
        List<AnomalyTracker.Change> changes = new ArrayList<>();
        for (long minute : ready) {
            double value = minutes.get(minute);
            Double weight = w.pooled() ? weights.get(minute) : null; // none for a minute kept before pooling
            if (w.count()) {
                changes.addAll(t.observeCount(minute, value, w.floor(), settings));
            } else {
                AnomalyTracker.Change change = weight != null
                        ? t.observe(minute, value, weight, w.minWeight(), w.floor(), settings)
                        : t.observe(minute, value, w.floor(), settings);
                if (change != null) {
                    changes.add(change);
                }
            }
            minutes.remove(minute);
            if (w.pooled()) {
                weights.remove(minute);
            }
        }
        boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE; // no minute comes after
        if (w.count() && t.open && !endOfInput) {
            // a count that stops has no points: its minutes since are final now, and 0
            if (due > t.lastMinute && t.lastMinute != Long.MIN_VALUE) {
                changes.addAll(t.observeCount(due, 0, w.floor(), settings));
            }
            if (t.open) { // look again when it would resolve, whether or not a point comes
                long resolveAfter = Math.max(settings.resolveAfter().toMillis(), MINUTE);
                ctx.timerService().registerEventTimeTimer(t.lastMinute + resolveAfter + settle);
            }
        }
        for (AnomalyTracker.Change change : changes) {
            AnomalyEvent a = new AnomalyEvent();
            a.watched = watched;
            a.series = watchedAndSeries[1];
            a.status = change.status();
            a.since = change.since();
            a.at = change.at();
            a.value = change.value();
            a.expected = change.expected();
            a.sigmas = change.sigmas();
            a.summary = change.summary(AnomalySignals.describe(w, a.series));
            out.collect(a);
        }
        tracker.update(t);
    }
}
