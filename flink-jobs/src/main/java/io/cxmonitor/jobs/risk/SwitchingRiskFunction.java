package io.cxmonitor.jobs.risk;

import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertState;
import io.cxmonitor.domain.risk.AlertStateBytes;
import io.cxmonitor.domain.risk.RiskSettings;
import io.cxmonitor.domain.risk.SwitchingRisk;
import io.cxmonitor.events.IdHash;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by customer: keeps their value and bad experiences, and turns bad experiences into alerts
 * by {@link SwitchingRisk}. Every bad experience it had not seen goes on, with the alert it raised
 * if any, to the incidents ({@link RiskOutcome}). The settings are those the job started with until a message on the
 * control topic changes them: the broadcast state holds them, checkpointed with the rest, and no
 * customer's state is touched. A customer is forgotten a lookback after their last activity or bad
 * experience, by an event-time timer.
 *
 * <p>The customer's state is kept as bytes ({@link AlertStateBytes}), read and written once per
 * record. A customer with purchases, an episode and four timeline events takes 424 bytes of heap
 * this way, where the objects took 845 ({@code ./cxmon bench state --state alerts}).
 *
 * <p>A request to forget the customer drops all of it: value, episode, timeline, purchases seen.
 *
 * <p>Nothing counts twice: a bad experience already seen (by its {@code experience_id}) is ignored
 * and counted ({@code cxRepeatedExperiences}), and a purchase event seen within the
 * de-duplication window adds no value again.
 */
public final class SwitchingRiskFunction extends KeyedBroadcastProcessFunction<String, RiskInput, String, RiskOutcome> {

    private static final Logger LOG = LoggerFactory.getLogger(SwitchingRiskFunction.class);

    /** The effective settings, as a complete control message. */
    public static final MapStateDescriptor<String, String> SETTINGS =
            new MapStateDescriptor<>("risk-settings", Types.STRING, Types.STRING);
    private static final String CURRENT = "current";
    /** The name under which it reports a customer forgotten. */
    public static final String FORGETS = "switching-risk";

    private final RiskSettings initial;
    private final Duration dedupWindow;
    private transient ValueState<byte[]> customer;
    /**
     * Where earlier versions kept the customer's state, as objects. Read once per customer,
     * carried over to the bytes, and cleared.
     */
    private transient ValueState<AlertState> customerObjects;
    /**
     * Where earlier versions kept the expiry timer's time, apart from the customer's state, which
     * keeps it now ({@code AlertState.expiryTimer}): one state entry per customer, where there were
     * two. Read once per customer, and cleared.
     */
    private transient ValueState<Long> expiry;
    /**
     * Where earlier versions remembered purchases, one map entry each; the customer's state keeps
     * them now ({@code AlertState.purchasesSeen}). Only read and cleared, so that what a savepoint
     * of an earlier version brings still counts once and then expires.
     */
    private transient MapState<Long, Boolean> seenPurchases;
    private transient Counter alerts;
    private transient Counter repeats;
    private transient Counter refusedControl;
    private transient String cachedJson;
    private transient RiskSettings cached;

    public SwitchingRiskFunction(RiskSettings initial, Duration dedupWindow) {
        this.initial = initial;
        this.dedupWindow = dedupWindow;
    }

    @Override
    public void open(OpenContext context) {
        customer = getRuntimeContext().getState(new ValueStateDescriptor<>("customer-bytes",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        customerObjects = getRuntimeContext().getState(new ValueStateDescriptor<>("customer",
                Types.POJO(AlertState.class)));
        expiry = getRuntimeContext().getState(new ValueStateDescriptor<>("expiry", Types.LONG));
        MapStateDescriptor<Long, Boolean> purchases = new MapStateDescriptor<>("seen-purchases", Types.LONG,
                Types.BOOLEAN);
        purchases.enableTimeToLive(StateTtlConfig.newBuilder(dedupWindow).build());
        seenPurchases = getRuntimeContext().getMapState(purchases);
        alerts = getRuntimeContext().getMetricGroup().counter("cxAlerts");
        repeats = getRuntimeContext().getMetricGroup().counter("cxRepeatedExperiences");
        refusedControl = getRuntimeContext().getMetricGroup().counter("cxRefusedControlMessages");
    }

    @Override
    public void processElement(RiskInput in, ReadOnlyContext ctx, Collector<RiskOutcome> out) throws Exception {
        if (in.forgetRequestId != null) {
            customer.clear();
            customerObjects.clear();
            expiry.clear(); // its timer finds nothing
            seenPurchases.clear();
            ctx.output(ForgetApplied.TAG, ForgetApplied.byKey(in.forgetRequest(), FORGETS));
            return;
        }
        RiskSettings settings = settings(ctx.getBroadcastState(SETTINGS));
        AlertState s = load();
        if (s == null) {
            s = new AlertState();
        }
        if (in.experience == null) {
            if (in.purchaseValue != null && in.eventId != null) {
                long id = IdHash.of(in.eventId);
                // a purchase counted before the upgrade is in the map state until its TTL; looking
                // there (purchases are rare) also lets the TTL clean it up
                if (seenPurchases.contains(id) || SwitchingRisk.repeatsPurchase(s, id,
                        ctx.timerService().currentProcessingTime(), dedupWindow.toMillis())) {
                    return;
                }
            }
            SwitchingRisk.activity(s, in.ts, in.purchaseValue);
            if (in.event != null) {
                SwitchingRisk.remember(s, in.event);
            }
        } else if (SwitchingRisk.isRepeat(s, in.experience)) {
            repeats.inc();
            return;
        } else {
            Alert alert = SwitchingRisk.experience(s, in.experience, settings, System.currentTimeMillis());
            if (alert != null) {
                alerts.inc();
            }
            out.collect(new RiskOutcome(in.experience, s.value.total, alert));
        }
        if (s.expiryTimer == AlertState.NO_TIMER) {
            Long earlier = expiry.value();
            if (earlier != null) { // set by an earlier version: its timer is registered
                s.expiryTimer = earlier;
                expiry.clear();
            } else {
                scheduleExpiry(s, settings, ctx.timerService());
            }
        }
        customer.update(AlertStateBytes.write(s));
    }

    @Override
    public void processBroadcastElement(String message, Context ctx, Collector<RiskOutcome> out) throws Exception {
        RiskSettings current = settings(ctx.getBroadcastState(SETTINGS));
        try {
            RiskSettings updated = ControlMessages.apply(current, message.getBytes(StandardCharsets.UTF_8));
            ctx.getBroadcastState(SETTINGS).put(CURRENT, ControlMessages.toJson(updated));
            LOG.info("Alerting settings changed: {}", updated);
        } catch (IOException e) {
            refusedControl.inc();
            LOG.warn("Refused a control message ({}); the settings stay {}", e.getMessage(), current);
        }
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<RiskOutcome> out) throws Exception {
        RiskSettings settings = settings(ctx.getBroadcastState(SETTINGS));
        AlertState s = load();
        expiry.clear(); // an earlier version's, if this customer has not been seen since
        if (s == null || SwitchingRisk.expired(s, time, settings)) {
            customer.clear();
            seenPurchases.clear();
            return;
        }
        scheduleExpiry(s, settings, ctx.timerService()); // active since: look again later
        customer.update(AlertStateBytes.write(s));
    }

    /** The customer's state, or {@code null}; an earlier version's objects are carried over once. */
    private AlertState load() throws IOException {
        byte[] bytes = customer.value();
        if (bytes != null) {
            return AlertStateBytes.read(bytes);
        }
        AlertState earlier = customerObjects.value();
        if (earlier != null) { // carried over at once: a repeat returns before anything is written
            customer.update(AlertStateBytes.write(earlier));
            customerObjects.clear();
        }
        return earlier;
    }

    private static void scheduleExpiry(AlertState s, RiskSettings settings, TimerService timers) {
        long at = Math.max(s.lastExperienceAt(), s.value.lastActive) + settings.lookback.toMillis();
        timers.registerEventTimeTimer(at);
        s.expiryTimer = at;
    }

    private RiskSettings settings(ReadOnlyBroadcastState<String, String> state) throws Exception {
        String json = state.get(CURRENT);
        if (json == null) {
            return initial;
        }
        if (!json.equals(cachedJson)) {
            cached = ControlMessages.apply(initial, json.getBytes(StandardCharsets.UTF_8));
            cachedJson = json;
        }
        return cached;
    }
}
