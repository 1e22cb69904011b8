package io.cxmonitor.jobs.ingest;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.DeadLetter;
import io.cxmonitor.events.DeadLetterReason;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes events on and sends dead letters to a side output, counting them per reason in the
 * Flink metric {@code cxDeadLetters} (group {@code reason}).
 */
final class SplitDeadLetters extends ProcessFunction<ParsedRecord, CxEvent> {

    static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private transient Map<DeadLetterReason, Counter> counters;

    @Override
    public void open(OpenContext context) {
        counters = new EnumMap<>(DeadLetterReason.class);
        MetricGroup group = getRuntimeContext().getMetricGroup();
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            counters.put(reason, group.addGroup("reason", reason.id()).counter("cxDeadLetters"));
        }
    }

    @Override
    public void processElement(ParsedRecord record, Context ctx, Collector<CxEvent> out) {
        if (record.hasEvent()) {
            out.collect(record.event);
        } else {
            counters.get(record.deadLetter.reason).inc();
            ctx.output(DEAD_LETTERS, record.deadLetter);
        }
    }
}
