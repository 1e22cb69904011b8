package io.cxmonitor.jobs.topics;

import io.cxmonitor.domain.topics.EmergingTerms;
import io.cxmonitor.jobs.sentiment.ScoredText;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The emerging terms of negative texts (SPEC 7), by {@link EmergingTerms}: every text of every
 * stream under one key, since a term emerges across them (texts are a small share of the events).
 * Each five minutes of event time that held negative texts, once the watermark passes their end,
 * it reports the terms that emerged in the hour before, if any.
 */
public final class EmergingTermsFunction extends KeyedProcessFunction<Integer, ScoredText, EmergingTermsReport> {

    /** The one key. */
    public static final int ALL = 0;

    private final EmergingTerms.Settings settings;
    private transient ValueState<EmergingTerms> sketch;

    public EmergingTermsFunction(EmergingTerms.Settings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext context) {
        sketch = getRuntimeContext().getState(new ValueStateDescriptor<>("emerging-terms",
                Types.POJO(EmergingTerms.class)));
    }

    @Override
    public void processElement(ScoredText text, Context ctx, Collector<EmergingTermsReport> out) throws Exception {
        if (text.terms.length == 0 || ctx.timestamp() == null) {
            return;
        }
        EmergingTerms s = sketch.value();
        if (s == null) {
            s = EmergingTerms.empty(settings);
        }
        long ts = ctx.timestamp();
        s.add(ts, List.of(text.terms), text.customerHash, settings);
        sketch.update(s);
        ctx.timerService().registerEventTimeTimer(Math.floorDiv(ts, EmergingTerms.BUCKET) * EmergingTerms.BUCKET
                + EmergingTerms.BUCKET);
    }

    @Override
    public void onTimer(long end, OnTimerContext ctx, Collector<EmergingTermsReport> out) throws Exception {
        EmergingTerms s = sketch.value();
        if (s == null) {
            return;
        }
        List<EmergingTerms.Term> found = s.report(end, settings);
        sketch.update(s);
        if (!found.isEmpty()) {
            out.collect(EmergingTermsReport.of(end, found));
        }
    }
}
