package io.cxmonitor.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeduplicateTest {

    private static final long T0 = 1_795_424_400_000L;
    private static final Duration WINDOW = Duration.ofHours(24);

    private KeyedOneInputStreamOperatorTestHarness<String, CxEvent, CxEvent> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new Deduplicate(WINDOW)),
                CxEvent::subjectId, Types.STRING);
        harness.setStateTtlProcessingTime(0);
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
            harness.processElement(new StreamRecord<>(e, e.ts));
        }
    }

    @Test
    void anEventIdSeenForTheSameKeyIsPassedOnOnce() throws Exception {
        send(crash("e1", "s1"), crash("e1", "s1"), crash("e2", "s1"), crash("e1", "s2"), crash("e1", "s1"));
        assertThat(harness.extractOutputValues()).extracting(e -> e.eventId + "@" + e.sessionId)
                .containsExactly("e1@s1", "e2@s1", "e1@s2");
    }

    @Test
    void anIdIsForgottenOnceTheWindowHasPassed() throws Exception {
        send(crash("e1", "s1"));
        harness.setStateTtlProcessingTime(WINDOW.toMillis() - 1);
        send(crash("e1", "s1"));
        assertThat(harness.extractOutputValues()).hasSize(1);
        harness.setStateTtlProcessingTime(WINDOW.toMillis() + 1);
        send(crash("e1", "s1"));
        assertThat(harness.extractOutputValues()).as("a repeat a day later is a new event").hasSize(2);
    }
}
