package io.cxmonitor.jobs.risk;

import io.cxmonitor.jobs.privacy.Privacy;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** A device's purchases without a customer id count for the customer it is linked to, until they are forgotten. */
class LinkedCustomersTest {

    private static RiskInput purchase(String device, String customer, String id, double value) {
        RiskInput r = RiskInput.activity(customer, 1_795_424_400_000L, value, id);
        r.anonymousId = device;
        return r;
    }

    @Test
    void aDevicesEventsAfterItsLinkAreTheCustomersAndAForgottenCustomersDevicesAreNoLongerLinked() throws Exception {
        try (var harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new LinkedCustomers(Duration.ofDays(30)), (RiskInput r) -> r.anonymousId, Types.STRING,
                Privacy.NO_BROADCAST_STATE)) {
            harness.processElement(new StreamRecord<>(purchase("a1", null, "e1", 10)));
            assertThat(harness.extractOutputValues()).as("a guest's: nobody's value").isEmpty();

            harness.processElement(new StreamRecord<>(purchase("a1", "c9", "e2", 20)));
            harness.processElement(new StreamRecord<>(purchase("a1", null, "e3", 30)));
            harness.processElement(new StreamRecord<>(purchase("a2", null, "e4", 40)));
            assertThat(harness.extractOutputValues()).extracting(r -> r.customerId + " " + r.eventId)
                    .containsExactly("c9 e2", "c9 e3");

            harness.processBroadcastElement(new StreamRecord<>(new ForgetRequest("c9", "r1")));
            assertThat(harness.getSideOutput(ForgetApplied.TAG)).extracting(r -> r.getValue().operator)
                    .containsExactly(LinkedCustomers.FORGETS);
            harness.processElement(new StreamRecord<>(purchase("a1", null, "e5", 50)));
            assertThat(harness.extractOutputValues()).as("the link was forgotten").hasSize(2);
        }
    }
}
