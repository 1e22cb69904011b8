package io.cxmonitor.jobs.ingest;

import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.IdHash;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device (else customer, else client session, as sessions are kept): passes each event on
 * the first time its {@code event_id} is seen for that key within the de-duplication window, and
 * drops (and counts, {@code cxDuplicateEvents}) every repeat, so that each signal downstream
 * counts an event once (SPEC 2). A repeat is the same record again, so it has the same device.
 *
 * <p>The ids are 64-bit hashes in map state, each with the (processing) time it was first seen. A
 * timer sweeps a key's map when its oldest id leaves the window, at most every
 * {@link #SWEEPS_PER_WINDOW}th of the window, so an id is kept for the window and at most that
 * much longer. Not Flink's state TTL: its incremental clean-up copies a whole map for each entry it
 * visits, so every event of a busy customer grew dearer through the day.
 *
 * <p>A request to forget a customer (the second input, keyed by customer) drops the ids kept under
 * their id; those kept under a device's anonymous id are hashes that name nobody, gone after the
 * window.
 */
public final class Deduplicate extends KeyedCoProcessFunction<String, CxEvent, ForgetRequest, CxEvent> {

    /** The name under which it reports a customer forgotten. */
    public static final String FORGETS = "deduplicate";

    static final int SWEEPS_PER_WINDOW = 24;
    static final MapStateDescriptor<Long, Long> SEEN_AT =
            new MapStateDescriptor<>("event-ids-seen-at", Types.LONG, Types.LONG);

    private final long window;
    private final long sweepEvery;
    private transient MapState<Long, Long> seenAt;
    private transient ValueState<Long> sweepAt;
    private transient Counter duplicates;

    public Deduplicate(Duration window) {
        this.window = window.toMillis();
        this.sweepEvery = Math.max(1_000, this.window / SWEEPS_PER_WINDOW);
    }

    @Override
    public void open(OpenContext context) {
        seenAt = getRuntimeContext().getMapState(SEEN_AT);
        sweepAt = getRuntimeContext().getState(new ValueStateDescriptor<>("next-sweep", Types.LONG));
        duplicates = getRuntimeContext().getMetricGroup().counter("cxDuplicateEvents");
    }

    @Override
    public void processElement1(CxEvent e, Context ctx, Collector<CxEvent> out) throws Exception {
        long id = IdHash.of(e.eventId);
        long now = ctx.timerService().currentProcessingTime();
        Long seen = seenAt.get(id);
        if (seen != null && seen > now - window) {
            duplicates.inc();
            return;
        }
        seenAt.put(id, now);
        if (sweepAt.value() == null) {
            schedule(ctx, now + window);
        }
        out.collect(e);
    }

    @Override
    public void processElement2(ForgetRequest request, Context ctx, Collector<CxEvent> out) {
        seenAt.clear();
        sweepAt.clear(); // its timer, if any, finds nothing
        ctx.output(ForgetApplied.TAG, ForgetApplied.byKey(request, FORGETS));
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<CxEvent> out) throws Exception {
        long oldest = Long.MAX_VALUE;
        for (Iterator<Map.Entry<Long, Long>> i = seenAt.iterator(); i.hasNext(); ) {
            long seen = i.next().getValue();
            if (seen <= time - window) {
                i.remove();
            } else {
                oldest = Math.min(oldest, seen);
            }
        }
        if (oldest == Long.MAX_VALUE) {
            seenAt.clear(); // an empty map is still an entry of the state
            sweepAt.clear();
        } else {
            schedule(ctx, Math.max(oldest + window, time + sweepEvery));
        }
    }

    private void schedule(Context ctx, long at) throws Exception {
        ctx.timerService().registerProcessingTimeTimer(at);
        sweepAt.update(at);
    }
}
