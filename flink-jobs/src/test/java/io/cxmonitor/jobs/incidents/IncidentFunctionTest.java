package io.cxmonitor.jobs.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.incidents.IncidentGroup;
import io.cxmonitor.domain.incidents.IncidentSettings;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.jobs.risk.RiskOutcome;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentFunctionTest {

    private static final long T0 = 1_795_424_400_000L;
    private static final long MIN = 60_000;

    private KeyedOneInputStreamOperatorTestHarness<IncidentGroup, RiskOutcome, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new IncidentFunction(IncidentSettings.DEFAULT),
                (RiskOutcome o) -> IncidentGroup.of(o.experience), TypeInformation.of(IncidentGroup.class));
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void failure(String customer, long ts, boolean alerted) throws Exception {
        BadExperience b = new BadExperience(customer, BadExperienceKind.CHECKOUT_FAILURE, 0.9, "web", ts, "e-" + customer);
        b.place = "checkout";
        Alert alert = null;
        if (alerted) {
            alert = new Alert();
            alert.customerId = customer;
        }
        harness.processElement(new StreamRecord<>(new RiskOutcome(b, 10, alert), ts));
    }

    private List<Incident> incidents() {
        return harness.getSideOutput(IncidentFunction.INCIDENTS) == null ? List.of()
                : harness.getSideOutput(IncidentFunction.INCIDENTS).stream().map(StreamRecord::getValue).toList();
    }

    private int keyedStateEntries() {
        var operator = (org.apache.flink.streaming.api.operators.AbstractStreamOperator<?>) harness.getOperator();
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) operator.getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    @Test
    void firesResolvesAndThenForgetsTheGroup() throws Exception {
        failure("early", T0 - 5 * MIN, false);
        for (int i = 0; i < 12; i++) {
            failure("c" + i, T0 + i * 1000, i % 2 == 0);
        }
        assertThat(incidents()).extracting(i -> i.status).containsExactly("firing");
        String incident = incidents().get(0).incidentId;
        assertThat(harness.extractOutputValues()).as("every alert passes, those after the firing with its id")
                .extracting(a -> a.customerId + ":" + a.incidentId)
                .containsExactly("c0:null", "c2:null", "c4:null", "c6:null", "c8:null", "c10:" + incident);

        harness.processWatermark(new Watermark(T0 + 12 * MIN));
        assertThat(incidents()).extracting(i -> i.status).containsExactly("firing", "resolved");
        assertThat(keyedStateEntries()).isPositive();

        harness.processWatermark(new Watermark(T0 + 2 * 60 * MIN));
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }
}
