package io.cxmonitor.jobs.notify;

import io.cxmonitor.events.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes notifications on and sends what is not an alert or an incident to a side output for the
 * notify dead-letter topic, counting them ({@code cxNotAlerts}).
 */
public final class SplitNotifyDeadLetters extends ProcessFunction<Received, Notification> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("notify-dead-letters") {};

    private transient Counter refused;

    @Override
    public void open(OpenContext context) {
        refused = getRuntimeContext().getMetricGroup().counter("cxNotAlerts");
    }

    @Override
    public void processElement(Received record, Context ctx, Collector<Notification> out) {
        if (record.notification != null) {
            out.collect(record.notification);
        } else {
            refused.inc();
            ctx.output(DEAD_LETTERS, record.deadLetter);
        }
    }
}
