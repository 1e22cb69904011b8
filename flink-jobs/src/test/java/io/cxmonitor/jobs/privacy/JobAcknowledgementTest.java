package io.cxmonitor.jobs.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.privacy.ForgetRequest;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class JobAcknowledgementTest {

    private static final ForgetRequest REQUEST = new ForgetRequest("c1", "r1");

    @Test
    void aRequestIsDoneOnceEveryOperatorAndEverySubtaskOfABroadcastOneAppliedIt() throws Exception {
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new JobAcknowledgement(List.of("sessions", "tickets"))),
                (ForgetApplied a) -> a.requestId, Types.STRING)) {
            harness.open();
            harness.processElement(new StreamRecord<>(applied("tickets", 0, 2)));
            harness.processElement(new StreamRecord<>(applied("sessions", 0, 1)));
            harness.processElement(new StreamRecord<>(applied("tickets", 0, 2))); // the same subtask again
            assertThat(harness.extractOutputValues()).as("one subtask of tickets is missing").isEmpty();

            harness.processElement(new StreamRecord<>(applied("tickets", 1, 2)));
            assertThat(harness.extractOutputValues()).singleElement()
                    .satisfies(r -> assertThat(r.customerId + " " + r.requestId).isEqualTo("c1 r1"));
            assertThat(harness.numKeyedStateEntries()).as("nothing kept once done").isZero();
        }
    }

    private static ForgetApplied applied(String operator, int subtask, int parts) {
        ForgetApplied a = ForgetApplied.byKey(REQUEST, operator);
        a.subtask = subtask;
        a.parts = parts;
        return a;
    }
}
