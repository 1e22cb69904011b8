package io.cxmonitor.jobs.incidents;

import io.cxmonitor.jobs.privacy.Privacy;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.incidents.IncidentGroup;
import io.cxmonitor.domain.incidents.IncidentSettings;
import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.jobs.risk.RiskOutcome;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentFunctionTest {

    private static final long T0 = 1_795_424_400_000L;
    private static final long MIN = 60_000;
    private static final Duration WAIT_AT_MOST = Duration.ofSeconds(10);

    /** Its {@code watermark(...)} moves the watermark of both inputs. */
    private KeyedBroadcastOperatorTestHarness<IncidentGroup, RiskOutcome, ForgetRequest, Alert> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new IncidentFunction(IncidentSettings.DEFAULT, WAIT_AT_MOST), (RiskOutcome o) -> IncidentGroup.of(o.experience),
                TypeInformation.of(IncidentGroup.class), Privacy.NO_BROADCAST_STATE);
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
    void countsInEventTimeOrderAtTheWatermarkFiresResolvesAndThenForgetsTheGroup() throws Exception {
        failure("early", T0 - 5 * MIN, false);
        for (int i = 11; i >= 0; i--) {
            failure("c" + i, T0 + i * 1000, i % 2 == 0); // newest first
        }
        assertThat(incidents()).as("experiences wait for the watermark").isEmpty();
        assertThat(harness.extractOutputValues()).as("alerts do not wait").hasSize(6)
                .allSatisfy(a -> assertThat(a.incidentId).isNull());

        harness.watermark(T0 + 12_000);
        assertThat(incidents()).singleElement().satisfies(i -> {
            assertThat(i.status).isEqualTo("firing");
            assertThat(i.customersAffected).as("counted in event-time order: the tenth fired it").isEqualTo(10);
            assertThat(i.firstSeen).isEqualTo(T0);
        });
        failure("late-comer", T0 + 13_000, true);
        assertThat(harness.extractOutputValues()).last().extracting(a -> a.incidentId)
                .isEqualTo(incidents().get(0).incidentId);

        harness.watermark(T0 + 12 * MIN);
        assertThat(incidents()).extracting(i -> i.status).containsExactly("firing", "resolved");
        assertThat(incidents().get(1).customersAffected).isEqualTo(13);
        assertThat(keyedStateEntries()).isPositive();

        harness.watermark(T0 + 2 * 60 * MIN);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anExperienceADayAheadWaitsForItsTimeAndTheGroupIsStillForgotten() throws Exception {
        failure("now", T0, false);
        failure("tomorrow", T0 + 23 * 60 * MIN, false);
        harness.watermark(T0 + 2 * 60 * MIN);
        assertThat(keyedStateEntries()).as("the experience of tomorrow is still to come").isPositive();
        harness.watermark(Long.MAX_VALUE);
        assertThat(incidents()).isEmpty();
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void whenEventTimeStandsStillAnOutageIsCountedTheOutOfOrdernessAfterItArrived() throws Exception {
        BadExperience earlier = new BadExperience("earlier", BadExperienceKind.APP_CRASH, 0.7, "app", T0 - 120 * MIN, "e-0");
        harness.processElement(new StreamRecord<>(new RiskOutcome(earlier, 0, null), earlier.ts));
        harness.watermark(earlier.ts + 1_000); // the instance has been watching for two hours
        harness.setProcessingTime(T0 + 60_000);
        for (int i = 0; i < 12; i++) {
            failure("c" + i, T0 + i * 1000, true);
        }
        failure("tomorrow", T0 + 23 * 60 * MIN, false);
        harness.setProcessingTime(T0 + 60_000 + WAIT_AT_MOST.toMillis() - 1);
        assertThat(incidents()).as("it may still be passed by the watermark").isEmpty();
        harness.setProcessingTime(T0 + 60_000 + WAIT_AT_MOST.toMillis());
        assertThat(incidents()).singleElement().satisfies(i -> {
            assertThat(i.status).isEqualTo("firing");
            assertThat(i.customersAffected).isEqualTo(10);
            assertThat(i.firstSeen).isEqualTo(T0);
        });
        assertThat(harness.numProcessingTimeTimers()).isZero();

        harness.watermark(Long.MAX_VALUE);
        assertThat(incidents()).as("tomorrow's experience counted at its time, alone")
                .extracting(i -> i.status).containsExactly("firing", "resolved");
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void historyReadBackWaitsForTheWatermarkHoweverLongItStandsStill() throws Exception {
        harness.setProcessingTime(T0 + 6 * 60 * MIN); // the outage is six hours old by the wall clock: a replay
        failure("before", T0 - 10 * MIN, false); // the page failed once before
        for (int i = 11; i >= 0; i--) {
            failure("c" + i, T0 + i * 1000, false); // newest first
        }
        harness.setProcessingTime(T0 + 6 * 60 * MIN + 10 * WAIT_AT_MOST.toMillis());
        assertThat(incidents()).as("not counted in the order it arrived").isEmpty();
        harness.watermark(T0 + 12_000);
        assertThat(incidents()).singleElement().satisfies(i -> {
            assertThat(i.customersAffected).as("counted in event-time order at the watermark").isEqualTo(10);
            assertThat(i.lastSeen).isEqualTo(T0 + 9_000);
        });
    }

    @Test
    void aForgottenCustomerLeavesEveryGroupTheCountsStay() throws Exception {
        failure("early", T0 - 5 * MIN, false);
        for (int i = 0; i < 12; i++) {
            failure("c" + i, T0 + i * 1000, false);
        }
        harness.watermark(T0 + 12_000);
        assertThat(incidents()).singleElement().satisfies(i -> assertThat(i.topCustomers)
                .extracting(c -> c.customerId).contains("c3"));
        failure("waiting", T0 + 20_000, false);

        harness.processBroadcastElement(new StreamRecord<>(new ForgetRequest("c3", "r1")));
        harness.processBroadcastElement(new StreamRecord<>(new ForgetRequest("waiting", "r2")));
        assertThat(harness.getSideOutput(ForgetApplied.TAG)).extracting(r -> r.getValue().operator + " "
                + r.getValue().requestId + " " + r.getValue().parts).containsExactly("incidents r1 1", "incidents r2 1");

        harness.watermark(T0 + 12 * MIN);
        assertThat(incidents()).extracting(i -> i.status).containsExactly("firing", "resolved");
        Incident resolved = incidents().get(1);
        assertThat(resolved.customersAffected).as("what waited was forgotten before it was counted").isEqualTo(12);
        assertThat(resolved.topCustomers).extracting(c -> c.customerId).doesNotContain("c3", "waiting").isNotEmpty();
    }
}
