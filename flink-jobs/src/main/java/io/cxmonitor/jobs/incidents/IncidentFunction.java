package io.cxmonitor.jobs.incidents;

import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.incidents.IncidentGroup;
import io.cxmonitor.domain.incidents.IncidentSettings;
import io.cxmonitor.domain.incidents.IncidentState;
import io.cxmonitor.domain.incidents.Incidents;
import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.events.IdHash;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import io.cxmonitor.jobs.risk.RiskOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Keyed by incident group: turns the bad experiences of many customers into one incident by
 * {@link Incidents}, and passes each customer alert on at once, with the incident that covers it.
 * Incidents go to a side output.
 *
 * <p>Experiences arrive out of order (partitions, sessions judged when they close); they wait for
 * the watermark and are counted in event-time order, so that a replay makes the same incidents
 * with the same ids. Event-time timers also look at an open incident every group-wait window (it
 * may resolve or grow) and forget a group a baseline after its last experience.
 *
 * <p>An outage must not wait for the next unrelated event to be paged, though: a live experience
 * (of the last five minutes by the wall clock) still waiting for the watermark {@code waitAtMost}
 * (the out-of-orderness) after it arrived is counted then, with the other live ones waiting in its
 * group (a processing-time timer). Live, event time stands still when the inputs fall quiet, or
 * while the alerting job's inputs wait for each other; history read back always waits for the
 * watermark.
 *
 * <p>A customer forgotten on request (broadcast: groups are not keyed by customer) leaves every
 * group's recent experiences, most valuable customers, affected customers and waiting experiences;
 * an incident's counts stay, naming nobody.
 */
public final class IncidentFunction extends KeyedBroadcastProcessFunction<IncidentGroup, RiskOutcome, ForgetRequest, Alert>
        implements CheckpointedFunction {

    /** The name under which it reports a customer forgotten. */
    public static final String FORGETS = "incidents";
    private static final ValueStateDescriptor<IncidentState> GROUP =
            new ValueStateDescriptor<>("group", Types.POJO(IncidentState.class));
    private static final MapStateDescriptor<Long, Boolean> AFFECTED =
            new MapStateDescriptor<>("affected", Types.LONG, Types.BOOLEAN);
    private static final ListStateDescriptor<RiskOutcome> PENDING =
            new ListStateDescriptor<>("pending", Types.POJO(RiskOutcome.class));

    private static final long SECOND = 1_000;
    /** Experiences at most this old by the wall clock are live: they need not wait for a stalled watermark. */
    private static final long LIVE = 5 * 60 * SECOND;

    public static final OutputTag<Incident> INCIDENTS = new OutputTag<>("incidents", Types.POJO(Incident.class));

    private final IncidentSettings settings;
    private final long waitAtMost;
    private transient Incidents incidents;
    private transient ValueState<IncidentState> group;
    private transient MapState<Long, Boolean> affected;
    private transient ValueState<Long> forgetAt;
    private transient ListState<RiskOutcome> pending;
    private transient ValueState<Long> countAt;
    private transient Incidents.Customers customers;
    private transient Counter published;
    /** When this instance began to observe, for the usual levels (see {@link Incidents#observing}). */
    private transient ListState<Long> observingSince;

    public IncidentFunction(IncidentSettings settings, Duration waitAtMost) {
        this.settings = settings;
        this.waitAtMost = waitAtMost.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        incidents = new Incidents(settings);
        try {
            observingSince.get().forEach(incidents::observing);
        } catch (Exception e) {
            throw new IllegalStateException("the operator state of the incidents cannot be read", e);
        }
        group = getRuntimeContext().getState(GROUP);
        affected = getRuntimeContext().getMapState(AFFECTED);
        forgetAt = getRuntimeContext().getState(new ValueStateDescriptor<>("forget-at", Types.LONG));
        pending = getRuntimeContext().getListState(PENDING);
        countAt = getRuntimeContext().getState(new ValueStateDescriptor<>("count-waiting-at", Types.LONG));
        customers = new Incidents.Customers() {
            @Override
            public boolean add(long customerHash) {
                try {
                    if (affected.contains(customerHash)) {
                        return false;
                    }
                    affected.put(customerHash, Boolean.TRUE);
                    return true;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public void clear() {
                affected.clear();
            }
        };
        published = getRuntimeContext().getMetricGroup().counter("cxIncidents");
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        observingSince = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>("observing-since", Types.LONG));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        observingSince.update(List.of(incidents.observingSince()));
    }

    @Override
    public void processElement(RiskOutcome in, ReadOnlyContext ctx, Collector<Alert> out) throws Exception {
        if (in.alert != null) {
            IncidentState s = group.value();
            in.alert.incidentId = s == null ? null : incidents.covering(s);
            out.collect(in.alert);
        }
        RiskOutcome experience = new RiskOutcome(in.experience, in.customerValue, null);
        long ts = in.experience.ts;
        // watching since the earliest experience that arrived here, or the first event time that
        // reached here: the watermark comes to every instance, whatever groups it holds
        incidents.observing(ts);
        long watermark = ctx.timerService().currentWatermark();
        if (watermark != Long.MIN_VALUE) {
            incidents.observing(watermark);
        }
        if (ts <= watermark) {
            observe(List.of(experience), ctx.getCurrentKey(), ctx); // late: count it now
            return;
        }
        pending.add(experience);
        ctx.timerService().registerEventTimeTimer(ts);
        if (countAt.value() == null) {
            long at = ctx.timerService().currentProcessingTime() + waitAtMost;
            ctx.timerService().registerProcessingTimeTimer(at);
            countAt.update(at);
        }
    }

    @Override
    public void processBroadcastElement(ForgetRequest request, Context ctx, Collector<Alert> out) throws Exception {
        String customer = request.customerId;
        ctx.applyToKeyedState(GROUP, (key, state) -> {
            IncidentState s = state.value();
            if (s != null && s.forget(customer)) {
                state.update(s);
            }
        });
        long hash = IdHash.of(customer);
        ctx.applyToKeyedState(AFFECTED, (key, state) -> state.remove(hash));
        ctx.applyToKeyedState(PENDING, (key, state) -> {
            List<RiskOutcome> kept = new ArrayList<>();
            boolean theirs = false;
            for (RiskOutcome o : state.get()) {
                if (customer.equals(o.experience.customerId)) {
                    theirs = true;
                } else {
                    kept.add(o);
                }
            }
            if (theirs) {
                state.update(kept); // a group left with nothing waiting: its timers find nothing due
            }
        });
        ctx.output(ForgetApplied.TAG, ForgetApplied.bySubtask(request, FORGETS, getRuntimeContext()));
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        // an event-time timer counts what the watermark passed; the processing-time one, what is
        // live and has happened by the wall clock (an experience from the future, or history being
        // read back, still waits for the watermark, so that replays count in event-time order)
        boolean waitedLongEnough = ctx.timeDomain() == TimeDomain.PROCESSING_TIME;
        if (waitedLongEnough) {
            countAt.clear();
        }
        long liveFrom = waitedLongEnough ? time - LIVE : Long.MIN_VALUE;
        List<RiskOutcome> due = new ArrayList<>();
        List<RiskOutcome> later = new ArrayList<>();
        for (RiskOutcome o : pending.get()) {
            (o.experience.ts <= time && o.experience.ts >= liveFrom ? due : later).add(o);
        }
        if (!due.isEmpty()) {
            pending.update(later);
            due.sort(Comparator.comparingLong((RiskOutcome o) -> o.experience.ts)
                    .thenComparing(o -> o.experience.customerId));
            observe(due, ctx.getCurrentKey(), ctx);
        }
        if (later.isEmpty()) {
            stopWaiting(ctx);
        }
        IncidentState s = group.value();
        if (s == null || waitedLongEnough) {
            return;
        }
        if (s.open() && time == incidents.tickAt(time)) {
            publish(incidents.tick(ctx.getCurrentKey(), s, customers, time, ctx.timerService().currentProcessingTime()), ctx);
            if (s.open()) {
                ctx.timerService().registerEventTimeTimer(incidents.nextTick(s, time));
            }
        }
        if (!later.isEmpty()) {
            group.update(s); // experiences still to come: their timers look again
            return;
        }
        if (incidents.idle(s, time)) {
            group.clear();
            affected.clear();
            forgetAt.clear();
            return;
        }
        group.update(s);
        Long scheduled = forgetAt.value();
        long forget = s.latest + settings.baseline().toMillis();
        if (!s.open() && (scheduled == null || scheduled <= time) && forget > time) {
            ctx.timerService().registerEventTimeTimer(forget);
            forgetAt.update(forget);
        }
    }

    /** Counts experiences, in event-time order; opens the ticks of a new incident and moves the forgetting on. */
    private void observe(List<RiskOutcome> experiences, IncidentGroup key, ReadOnlyContext ctx) throws Exception {
        IncidentState s = group.value();
        if (s == null) {
            s = new IncidentState();
        }
        boolean wasOpen = s.open();
        for (RiskOutcome o : experiences) {
            publish(incidents.observe(key, s, customers, o.experience, o.customerValue, ctx.timerService().currentProcessingTime()), ctx);
        }
        group.update(s);
        if (s.open() && !wasOpen) {
            ctx.timerService().registerEventTimeTimer(incidents.nextTick(s, s.latest));
        }
        long forget = s.latest + settings.baseline().toMillis();
        Long scheduled = forgetAt.value();
        if (scheduled == null || scheduled < forget) {
            if (scheduled != null) {
                ctx.timerService().deleteEventTimeTimer(scheduled);
            }
            ctx.timerService().registerEventTimeTimer(forget);
            forgetAt.update(forget);
        }
    }

    private void stopWaiting(ReadOnlyContext ctx) throws Exception {
        Long at = countAt.value();
        if (at != null) {
            ctx.timerService().deleteProcessingTimeTimer(at);
            countAt.clear();
        }
    }

    private void publish(Incident incident, ReadOnlyContext ctx) {
        if (incident != null) {
            published.inc();
            ctx.output(INCIDENTS, incident);
        }
    }
}
