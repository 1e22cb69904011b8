package io.cxmonitor.jobs.risk;

import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.domain.risk.AlertState;
import io.cxmonitor.domain.risk.RiskSettings;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.IdHash;
import io.cxmonitor.events.Stream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SwitchingRiskFunctionTest {

    private static final long T0 = 1_795_424_400_000L;
    private static final long DAY = 86_400_000L;

    private KeyedBroadcastOperatorTestHarness<String, RiskInput, String, RiskOutcome> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new SwitchingRiskFunction(RiskSettings.DEFAULT, Duration.ofHours(24)), (RiskInput r) -> r.customerId, Types.STRING,
                SwitchingRiskFunction.SETTINGS);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private int keyedStateEntries() {
        var operator = (org.apache.flink.streaming.api.operators.AbstractStreamOperator<?>) harness.getOperator();
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) operator.getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    /** The alerts among the outcomes: every new bad experience has an outcome, an alert only when it raised one. */
    private List<Alert> alerts() {
        return harness.extractOutputValues().stream().map(o -> o.alert).filter(Objects::nonNull).toList();
    }

    private void send(RiskInput in) throws Exception {
        harness.processElement(new StreamRecord<>(in, in.ts));
    }

    private static RiskInput bad(String customer, BadExperienceKind kind, double severity, long ts) {
        return RiskInput.experience(new BadExperience(customer, kind, severity, "support", ts, customer + "-" + ts));
    }

    @Test
    void aCustomerWithoutBadExperiencesNeverGetsAnAlert() throws Exception {
        for (int i = 0; i < 50; i++) {
            send(RiskInput.activity("c1", T0 + i, i % 5 == 0 ? 99.0 : null, "e" + i));
        }
        assertThat(alerts()).isEmpty();
    }

    @Test
    void everyNewBadExperienceGoesOnToTheIncidentsWithWhatTheCustomerSpent() throws Exception {
        send(RiskInput.activity("c1", T0 - DAY, 120.0, "p1"));
        send(bad("c1", BadExperienceKind.LOW_CSAT, 0.1, T0));
        send(bad("c1", BadExperienceKind.LOW_CSAT, 0.1, T0)); // the same, again
        assertThat(harness.extractOutputValues()).singleElement().satisfies(o -> {
            assertThat(o.experience.ts).isEqualTo(T0);
            assertThat(o.customerValue).isEqualTo(120.0);
        });
    }

    @Test
    void firesThenEscalatesThenForgetsTheCustomerAfterTheLookback() throws Exception {
        send(RiskInput.activity("c1", T0 - DAY, 120.0, "p1"));
        send(bad("c1", BadExperienceKind.LOW_CSAT, 0.5, T0));
        send(bad("c1", BadExperienceKind.NEGATIVE_SUPPORT_MESSAGE, 0.8, T0 + 1000));
        assertThat(alerts()).extracting(a -> a.status).containsExactly("firing", "escalated");
        assertThat(alerts()).extracting(a -> a.severity).containsExactly("high", "critical");
        assertThat(keyedStateEntries()).isPositive();

        harness.processBroadcastWatermark(new Watermark(T0 + 91 * DAY));
        harness.processWatermark(new Watermark(T0 + 91 * DAY));
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aCustomerIsOneStateEntryWithItsExpiryTimer() throws Exception {
        send(RiskInput.activity("c1", T0, 20.0, "p1"));
        send(bad("c1", BadExperienceKind.LOW_CSAT, 0.5, T0 + 1000));
        assertThat(keyedStateEntries()).as("the customer's state holds its expiry time").isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    /** A savepoint of an earlier version keeps the expiry time apart: adopted, not scheduled again. */
    @Test
    void anExpiryTimeKeptApartByAnEarlierVersionIsAdoptedOnce() throws Exception {
        var operator = (org.apache.flink.streaming.api.operators.AbstractStreamOperator<?>) harness.getOperator();
        var backend = operator.getKeyedStateBackend();
        backend.setCurrentKey("c1");
        backend.getPartitionedState(org.apache.flink.runtime.state.VoidNamespace.INSTANCE,
                        org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE,
                        new org.apache.flink.api.common.state.ValueStateDescriptor<>("expiry", Types.LONG))
                .update(T0 + 90 * DAY);
        assertThat(keyedStateEntries()).isEqualTo(1);

        send(RiskInput.activity("c1", T0, 20.0, "p1"));
        send(RiskInput.activity("c1", T0 + 1, null, "v1"));

        assertThat(keyedStateEntries()).as("the earlier entry is cleared, the customer's state kept").isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).as("its timer was registered by the earlier version").isZero();
    }

    /**
     * A savepoint of an earlier version keeps the customer as objects: carried over to bytes at the
     * customer's next record, even one that changes nothing, with the episode and the value intact.
     */
    @Test
    void aCustomerKeptAsObjectsByAnEarlierVersionIsCarriedOverWhole() throws Exception {
        var operator = (org.apache.flink.streaming.api.operators.AbstractStreamOperator<?>) harness.getOperator();
        var backend = operator.getKeyedStateBackend();
        backend.setCurrentKey("c1");
        AlertState earlier = new AlertState();
        earlier.value.purchase(T0 - DAY, 120.0);
        earlier.firstKind = "low_csat";
        earlier.firstTouchpoint = "support";
        earlier.firstTs = T0;
        earlier.firstEventIds = new String[] {"csat-1"};
        earlier.experienceTimes = new long[] {T0};
        RiskInput seenBefore = bad("c1", BadExperienceKind.LOW_CSAT, 0.5, T0);
        earlier.experienceHashes = new long[] {IdHash.of(seenBefore.experience.experienceId)};
        earlier.risk = 0.3;
        earlier.expiryTimer = T0 + 90 * DAY;
        backend.getPartitionedState(org.apache.flink.runtime.state.VoidNamespace.INSTANCE,
                        org.apache.flink.runtime.state.VoidNamespaceSerializer.INSTANCE,
                        new org.apache.flink.api.common.state.ValueStateDescriptor<>("customer", Types.POJO(AlertState.class)))
                .update(earlier);

        send(seenBefore); // seen before the upgrade: a repeat
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(keyedStateEntries()).as("the objects replaced by the bytes").isEqualTo(1);

        send(bad("c1", BadExperienceKind.NEGATIVE_SUPPORT_MESSAGE, 0.9, T0 + 1000));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.firstKind).as("the episode that began before the upgrade").isEqualTo("low_csat");
            assertThat(a.firstEventIds).containsExactly("csat-1");
            assertThat(a.badExperiencesInWindow).isEqualTo(2);
            assertThat(a.purchases).isEqualTo(1);
        });
        assertThat(harness.numEventTimeTimers()).as("its timer was registered by the earlier version").isZero();
    }

    @Test
    void anAlertShowsTheCustomersLastEventsAcrossStreamsWithoutText() throws Exception {
        CxEvent review = new CxEvent();
        review.stream = Stream.REVIEWS;
        review.type = EventType.REVIEW;
        review.eventId = "r1";
        review.ts = T0;
        review.customerId = "c1";
        review.rating = 1;
        review.text = "Terrible, never again.";
        CxEvent page = new CxEvent();
        page.stream = Stream.CLICKSTREAM;
        page.type = EventType.PAGE_VIEW;
        page.eventId = "v1";
        page.ts = T0 - 60_000;
        page.customerId = "c1";
        page.pageType = "product";
        send(RiskInput.activity(review));
        send(RiskInput.activity(page));
        send(RiskInput.activity(review)); // delivered twice
        send(bad("c1", BadExperienceKind.NEGATIVE_REVIEW, 0.9, T0));

        Alert alert = alerts().get(0);
        assertThat(alert.timeline).extracting(e -> e.stream + " " + e.type)
                .containsExactly("clickstream page_view", "reviews review");
        assertThat(alert.timeline[1].rating).isEqualTo(1);
        assertThat(new String(AlertJson.write(alert))).doesNotContain("Terrible");
    }

    @Test
    void aControlMessageChangesTheThresholdWhileCustomerStateSurvives() throws Exception {
        send(RiskInput.activity("c2", T0 - DAY, 50.0, "p2"));
        harness.processBroadcastElement(new StreamRecord<>("{\"threshold\":0.95}", T0));
        send(bad("c2", BadExperienceKind.HIGH_EFFORT, 0.5, T0));
        assertThat(alerts()).as("below the raised threshold").isEmpty();

        harness.processBroadcastElement(new StreamRecord<>("{\"threshold\":\"high\"}", T0));
        harness.processBroadcastElement(new StreamRecord<>("{\"threshold\":0.5,\"weights\":{\"value\":0.2}}", T0));
        send(bad("c2", BadExperienceKind.LOW_CSAT, 0.9, T0 + 1000));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.status).isEqualTo("firing");
            assertThat(a.firstKind).as("the episode began before the change").isEqualTo("high_effort");
            assertThat(a.purchases).as("the customer's value survived").isEqualTo(1);
        });
    }

    @Test
    void aRepeatedBadExperienceOrPurchaseCountsOnce() throws Exception {
        send(RiskInput.activity("c3", T0 - DAY, 80.0, "order-1"));
        send(RiskInput.activity("c3", T0 - DAY, 80.0, "order-1"));
        send(bad("c3", BadExperienceKind.LOW_CSAT, 0.9, T0));
        send(bad("c3", BadExperienceKind.LOW_CSAT, 0.9, T0));
        assertThat(alerts()).singleElement().satisfies(a -> {
            assertThat(a.status).isEqualTo("firing");
            assertThat(a.purchases).as("the purchase delivered twice").isEqualTo(1);
            assertThat(a.badExperiencesInWindow).isEqualTo(1);
        });
    }

    @Test
    void aForgottenCustomerStartsFromNothing() throws Exception {
        send(RiskInput.activity("c1", T0 - DAY, 120.0, "p1"));
        send(bad("c1", BadExperienceKind.LOW_CSAT, 0.5, T0));
        send(RiskInput.activity("c2", T0 - DAY, 80.0, "p2"));
        send(RiskInput.forget(new ForgetRequest("c1", "r1")));
        assertThat(harness.getSideOutput(ForgetApplied.TAG)).extracting(r -> r.getValue().operator)
                .containsExactly(SwitchingRiskFunction.FORGETS);

        send(bad("c1", BadExperienceKind.NEGATIVE_SUPPORT_MESSAGE, 0.8, T0 + 1000));
        assertThat(alerts()).extracting(a -> a.status).as("a first alert again, not an escalation")
                .containsExactly("firing", "firing");
        assertThat(alerts().get(1).purchases).as("their purchases are forgotten too").isZero();
        assertThat(alerts().get(1).timeline).isEmpty();

        send(RiskInput.forget(new ForgetRequest("c1", "r2")));
        send(RiskInput.forget(new ForgetRequest("c2", "r3")));
        assertThat(keyedStateEntries()).isZero();
    }
}
