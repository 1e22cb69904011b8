package io.cxmonitor.jobs.risk;

import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by device (anonymous id): an event with a customer id links the device to that customer,
 * and the device's later events without one are that customer's activity (SPEC 3.3), so that
 * their purchases count in the customer's value and their events in the timeline. The link lives
 * in keyed state with Flink's time-to-live, {@code identity.link-ttl} of processing time since it was
 * last shown; a device nobody is linked to adds nothing. A request to forget a customer (broadcast: devices are
 * not keyed by customer) drops the devices linked to them.
 */
public final class LinkedCustomers extends KeyedBroadcastProcessFunction<String, RiskInput, ForgetRequest, RiskInput> {

    /** The name under which it reports a customer forgotten. */
    public static final String FORGETS = "identity-links";

    private final ValueStateDescriptor<String> linkedTo;
    private transient ValueState<String> link;

    public LinkedCustomers(Duration linkTtl) {
        linkedTo = new ValueStateDescriptor<>("linked-to", Types.STRING);
        linkedTo.enableTimeToLive(StateTtlConfig.newBuilder(linkTtl).build());
    }

    @Override
    public void open(OpenContext context) {
        link = getRuntimeContext().getState(linkedTo);
    }

    @Override
    public void processElement(RiskInput in, ReadOnlyContext ctx, Collector<RiskInput> out) throws Exception {
        if (in.customerId != null) {
            link.update(in.customerId); // shown again: the link lives on
            out.collect(in);
            return;
        }
        String customer = link.value();
        if (customer != null) {
            in.customerId = customer; // it came through the network: this copy is ours to change
            out.collect(in);
        }
    }

    @Override
    public void processBroadcastElement(ForgetRequest request, Context ctx, Collector<RiskInput> out) throws Exception {
        ctx.applyToKeyedState(linkedTo, (device, state) -> {
            if (request.customerId.equals(state.value())) {
                state.clear();
            }
        });
        ctx.output(ForgetApplied.TAG, ForgetApplied.bySubtask(request, FORGETS, getRuntimeContext()));
    }
}
