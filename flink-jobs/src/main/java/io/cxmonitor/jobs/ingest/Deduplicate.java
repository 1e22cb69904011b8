package io.cxmonitor.jobs.ingest;

import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.IdHash;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
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
 * <p>The ids are 64-bit hashes, each with the (processing) time it was first seen, in one
 * {@link SeenIds} per key: one state value read per event, and written once more for a new id. A
 * timer sweeps a key's ids when its oldest leaves the window, at most every
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
    static final ValueStateDescriptor<SeenIds> SEEN =
            new ValueStateDescriptor<>("seen-event-ids", Types.POJO(SeenIds.class));

    private final long window;
    private final long sweepEvery;
    private transient ValueState<SeenIds> seen;
    private transient Counter duplicates;

    public Deduplicate(Duration window) {
        this.window = window.toMillis();
        this.sweepEvery = Math.max(1_000, this.window / SWEEPS_PER_WINDOW);
    }

    @Override
    public void open(OpenContext context) {
        seen = getRuntimeContext().getState(SEEN);
        duplicates = getRuntimeContext().getMetricGroup().counter("cxDuplicateEvents");
    }

    @Override
    public void processElement1(CxEvent e, Context ctx, Collector<CxEvent> out) throws Exception {
        long id = IdHash.of(e.eventId);
        long now = ctx.timerService().currentProcessingTime();
        SeenIds ids = seen.value();
        if (ids == null) {
            ids = new SeenIds();
        } else if (ids.seenAt(id) > now - window) {
            duplicates.inc();
            return;
        }
        ids.put(id, now);
        if (ids.sweepAt == 0) {
            schedule(ctx, ids, now + window);
        }
        seen.update(ids);
        out.collect(e);
    }

    @Override
    public void processElement2(ForgetRequest request, Context ctx, Collector<CxEvent> out) {
        seen.clear(); // its sweep, if any, finds nothing
        ctx.output(ForgetApplied.TAG, ForgetApplied.byKey(request, FORGETS));
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<CxEvent> out) throws Exception {
        SeenIds ids = seen.value();
        if (ids == null || ids.sweepAt != time) {
            return; // forgotten since
        }
        long oldest = ids.dropSeenUntil(time - window);
        if (ids.isEmpty()) {
            seen.clear();
        } else {
            schedule(ctx, ids, Math.max(oldest + window, time + sweepEvery));
            seen.update(ids);
        }
    }

    private static void schedule(Context ctx, SeenIds ids, long at) {
        ctx.timerService().registerProcessingTimeTimer(at);
        ids.sweepAt = at;
    }
}
