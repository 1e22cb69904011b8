package io.cxmonitor.jobs.privacy;

import io.cxmonitor.domain.privacy.ForgetRequest;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by request: passes a request on once every operator of the job that keeps customers has
 * applied it (every subtask of those that look through all their keys), and keeps nothing after.
 */
public final class JobAcknowledgement extends KeyedProcessFunction<String, ForgetApplied, ForgetRequest> {

    private final Set<String> operators;
    private transient MapState<String, Integer> applied;

    /** @param operators the names under which this job's operators report */
    public JobAcknowledgement(List<String> operators) {
        this.operators = Set.copyOf(operators);
    }

    @Override
    public void open(OpenContext context) {
        applied = getRuntimeContext().getMapState(new MapStateDescriptor<>("forget-applied", Types.STRING, Types.INT));
    }

    @Override
    public void processElement(ForgetApplied a, Context ctx, Collector<ForgetRequest> out) throws Exception {
        // A subtask may report twice (a restart replays the request); each counts once.
        applied.put(a.operator + "#" + a.subtask, a.parts);
        for (String operator : operators) {
            if (!complete(operator)) {
                return;
            }
        }
        applied.clear();
        out.collect(a.request());
    }

    private boolean complete(String operator) throws Exception {
        Integer parts = null;
        int seen = 0;
        for (var e : applied.entries()) {
            if (e.getKey().startsWith(operator + "#")) {
                parts = e.getValue();
                seen++;
            }
        }
        return parts != null && seen >= parts;
    }
}
