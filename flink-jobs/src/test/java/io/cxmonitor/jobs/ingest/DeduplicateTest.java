package io.cxmonitor.jobs.ingest;

import io.cxmonitor.jobs.privacy.ForgetApplied;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicateTest {

    private static final long T0 = 1_795_424_400_000L;
    private static final Duration WINDOW = Duration.ofHours(24);
    private static final long HOUR = 3_600_000L;

    private KeyedTwoInputStreamOperatorTestHarness<String, CxEvent, ForgetRequest, CxEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new Deduplicate(WINDOW)),
                CxEvent::subjectId, (ForgetRequest r) -> r.customerId, Types.STRING);
        harness.setProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static CxEvent crash(String id, String session) {
        CxEvent e = new CxEvent(Stream.APP, EventType.CRASH, id, T0);
        e.sessionId = session;
        return e;
    }

    private void send(CxEvent... events) throws Exception {
        for (CxEvent e : events) {
            harness.processElement1(new StreamRecord<>(e, e.ts));
        }
    }

    private int idsKept(String key) throws Exception {
        harness.getOperator().setCurrentKey(key);
        SeenIds ids = harness.getOperator().getKeyedStateBackend()
                .getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, Deduplicate.SEEN).value();
        return ids == null ? 0 : ids.size;
    }

    @Test
    void anEventIdSeenForTheSameKeyIsPassedOnOnceInTheOrderOfArrival() throws Exception {
        send(crash("e1", "s1"), crash("e1", "s1"), crash("e2", "s1"), crash("e1", "s2"), crash("e1", "s1"),
                crash("e3", "s1"));
        assertThat(harness.extractOutputValues()).extracting(e -> e.eventId + "@" + e.sessionId)
                .containsExactly("e1@s1", "e2@s1", "e1@s2", "e3@s1");
    }

    @Test
    void anIdIsForgottenOnceTheWindowHasPassed() throws Exception {
        send(crash("e1", "s1"));
        harness.setProcessingTime(WINDOW.toMillis() - 1);
        send(crash("e1", "s1"));
        assertThat(harness.extractOutputValues()).hasSize(1);
        harness.setProcessingTime(WINDOW.toMillis() + 1);
        send(crash("e1", "s1"));
        assertThat(harness.extractOutputValues()).as("a repeat a day later is a new event").hasSize(2);
    }

    @Test
    void whatItRemembersIsSweptAWindowAfterItWasSeenAndNothingStays() throws Exception {
        for (int h = 0; h < 48; h++) { // a busy key, all day and the next
            harness.setProcessingTime(h * HOUR);
            send(crash("e" + h, "s1"), crash("f" + h, "s2"));
        }
        harness.setProcessingTime(48 * HOUR - 1);
        assertThat(idsKept("s1")).as("a window of ids, and at most a sweep interval more").isBetween(24, 25);
        assertThat(idsKept("s2")).isBetween(24, 25);
        assertThat(harness.numProcessingTimeTimers()).as("one sweep pending per key").isEqualTo(2);

        harness.setProcessingTime(48 * HOUR + WINDOW.toMillis() + WINDOW.toMillis() / Deduplicate.SWEEPS_PER_WINDOW);
        assertThat(harness.numKeyedStateEntries()).as("all swept").isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        send(crash("e47", "s1"));
        assertThat(harness.extractOutputValues()).as("96 events, and e47 again two days later").hasSize(97);
    }

    @Test
    void aForgottenCustomersIdsAreDroppedAndTheRequestReported() throws Exception {
        CxEvent first = crash("e1", "s1");
        first.customerId = "c1";
        CxEvent other = crash("e1", "s2");
        other.customerId = "c2";
        send(first, other);
        harness.processElement2(new StreamRecord<>(new ForgetRequest("c1", "r1")));

        assertThat(idsKept("c1")).isZero();
        assertThat(idsKept("c2")).as("another customer keeps theirs").isEqualTo(1);
        assertThat(harness.getSideOutput(ForgetApplied.TAG)).singleElement()
                .satisfies(r -> assertThat(r.getValue().operator + " " + r.getValue().requestId + " "
                        + r.getValue().parts).isEqualTo("deduplicate r1 1"));
        send(first, other);
        assertThat(harness.extractOutputValues()).as("c1 starts from nothing, c2's repeat is still one")
                .extracting(e -> e.customerId).containsExactly("c1", "c2", "c1");
    }
}
