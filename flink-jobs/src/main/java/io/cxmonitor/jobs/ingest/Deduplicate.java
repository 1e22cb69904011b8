package io.cxmonitor.jobs.ingest;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.IdHash;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by the record key (customer, else device, else client session): passes each event on the
 * first time its {@code event_id} is seen for that key within the de-duplication window, and
 * drops (and counts, {@code cxDuplicateEvents}) every repeat, so that each signal downstream
 * counts an event once (SPEC 2). Ids are remembered as 64-bit hashes in map state whose entries
 * expire a window after they were written: about 80 bytes of heap per remembered event, or a few
 * dozen bytes on disk with RocksDB.
 */
public final class Deduplicate extends KeyedProcessFunction<String, CxEvent, CxEvent> {

    private final Duration window;
    private transient MapState<Long, Boolean> seen;
    private transient Counter duplicates;

    public Deduplicate(Duration window) {
        this.window = window;
    }

    @Override
    public void open(OpenContext context) {
        MapStateDescriptor<Long, Boolean> descriptor = new MapStateDescriptor<>("seen-event-ids", Types.LONG,
                Types.BOOLEAN);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(window)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        seen = getRuntimeContext().getMapState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter("cxDuplicateEvents");
    }

    @Override
    public void processElement(CxEvent e, Context ctx, Collector<CxEvent> out) throws Exception {
        long id = IdHash.of(e.eventId);
        if (seen.contains(id)) {
            duplicates.inc();
            return;
        }
        seen.put(id, Boolean.TRUE);
        out.collect(e);
    }
}
