package io.cxmonitor.jobs.privacy;

import io.cxmonitor.domain.privacy.ForgetRequest;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.util.OutputTag;

/**
 * An operator's word that it has dropped what it kept of a customer. An operator keyed by customer
 * holds all of it in one subtask ({@code parts} 1); one keyed otherwise looks through the keys of
 * each of its subtasks, and each of them says so ({@code parts} = its parallelism). A Flink POJO.
 */
public class ForgetApplied {

    /** The side output on which every operator that keeps customers reports. */
    public static final OutputTag<ForgetApplied> TAG = new OutputTag<>("forget-applied") {};

    public String requestId;
    public String customerId;
    public String operator;
    public int subtask;
    public int parts;

    public ForgetApplied() {}

    /** By the one subtask that holds the customer's key. */
    public static ForgetApplied byKey(ForgetRequest request, String operator) {
        return of(request, operator, 0, 1);
    }

    /** By one of the subtasks that each looked through their keys. */
    public static ForgetApplied bySubtask(ForgetRequest request, String operator, RuntimeContext context) {
        return of(request, operator, context.getTaskInfo().getIndexOfThisSubtask(),
                context.getTaskInfo().getNumberOfParallelSubtasks());
    }

    private static ForgetApplied of(ForgetRequest request, String operator, int subtask, int parts) {
        ForgetApplied a = new ForgetApplied();
        a.requestId = request.requestId;
        a.customerId = request.customerId;
        a.operator = operator;
        a.subtask = subtask;
        a.parts = parts;
        return a;
    }

    /** The request that was applied, to pass on to another operator. */
    public ForgetRequest request() {
        return new ForgetRequest(customerId, requestId);
    }
}
