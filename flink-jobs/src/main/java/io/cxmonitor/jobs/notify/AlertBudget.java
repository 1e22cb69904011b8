package io.cxmonitor.jobs.notify;

import io.cxmonitor.domain.risk.Alert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * A route's budget of customer alerts ({@code route.X.max-per-minute}), keyed by route: up to the
 * budget each minute of the wall clock, alerts pass one by one; the rest wait and go, at the end
 * of the minute, in digests that list them all (at most {@value #PER_DIGEST} alerts each). None is
 * dropped, and a team working a CRM queue or a Slack channel reads a minute at a glance. A
 * customer forgotten meanwhile (SPEC 8) leaves the digest.
 */
public final class AlertBudget extends KeyedProcessFunction<String, Notification, Notification> {

    static final int PER_DIGEST = 100;
    private static final long MINUTE = 60_000;

    private final int maxPerMinute;
    private transient ValueState<Long> minute;
    private transient ValueState<Integer> sent;
    private transient ListState<Alert> waiting;
    private transient Counter digested;

    public AlertBudget(int maxPerMinute) {
        this.maxPerMinute = maxPerMinute;
    }

    @Override
    public void open(OpenContext context) {
        minute = getRuntimeContext().getState(new ValueStateDescriptor<>("minute", Types.LONG));
        sent = getRuntimeContext().getState(new ValueStateDescriptor<>("sent", Types.INT));
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", Types.POJO(Alert.class)));
        digested = getRuntimeContext().getMetricGroup().counter("cxDigestedAlerts");
    }

    @Override
    public void processElement(Notification n, Context ctx, Collector<Notification> out) throws Exception {
        if (n.forgotten != null) {
            List<Alert> kept = new ArrayList<>();
            for (Alert a : waiting.get()) {
                if (!n.forgotten.equals(a.customerId)) {
                    kept.add(a);
                }
            }
            waiting.update(kept); // the digest goes out without them, or not at all
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        long current = now / MINUTE;
        if (minute.value() == null || minute.value() != current) {
            minute.update(current);
            sent.update(0);
        }
        if (n.alert == null || sent.value() < maxPerMinute) {
            sent.update(sent.value() + (n.alert == null ? 0 : 1));
            out.collect(n);
            return;
        }
        waiting.add(n.alert);
        digested.inc();
        ctx.timerService().registerProcessingTimeTimer((current + 1) * MINUTE);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<Notification> out) throws Exception {
        List<Alert> alerts = new ArrayList<>();
        waiting.get().forEach(alerts::add);
        waiting.clear();
        for (int from = 0; from < alerts.size(); from += PER_DIGEST) {
            List<Alert> part = alerts.subList(from, Math.min(alerts.size(), from + PER_DIGEST));
            out.collect(Notification.digest(id(ctx.getCurrentKey(), time, from), time, part.toArray(new Alert[0])));
        }
        Long counting = minute.value();
        if (counting != null && counting < time / MINUTE) {
            minute.clear(); // the minute is over; a new one starts with the next alert
            sent.clear();
        }
    }

    /** {@code dg-} and 20 hex digits of SHA-256 over the route, the minute and the part. */
    private static String id(String route, long time, int from) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((route + "|" + time + "|" + from).getBytes(StandardCharsets.UTF_8));
            return "dg-" + HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
