package io.cxmonitor.jobs.support;

import io.cxmonitor.jobs.privacy.Privacy;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.domain.support.SupportFact;
import io.cxmonitor.domain.support.SupportRules;
import io.cxmonitor.domain.support.Tickets;
import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.support.RepeatContacts;
import io.cxmonitor.jobs.support.TicketTracker;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class TicketTrackerTest {

    private static final long START = 1_795_424_400_000L;
    private static final long MINUTE = 60_000;
    private static final long DAY = 24 * 60 * MINUTE;

    private static CxEvent support(EventType type, String ticket, long offset, String author) {
        CxEvent e = new CxEvent(Stream.SUPPORT, type, type + "-" + ticket + "-" + offset, START + offset);
        e.customerId = "c1";
        e.ticketId = ticket;
        e.channel = "chat";
        e.author = author;
        return e;
    }

    /** A ticket tracker; its harness's {@code watermark(...)} moves the watermark of both inputs. */
    private static KeyedBroadcastOperatorTestHarness<String, CxEvent, ForgetRequest, SupportFact> tickets() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new TicketTracker(new Tickets(SupportRules.DEFAULT), Duration.ofDays(30)),
                (CxEvent e) -> e.ticketId, Types.STRING, Privacy.NO_BROADCAST_STATE);
    }

    private static AbstractStreamOperator<?> operator(AbstractStreamOperatorTestHarness<?> harness) {
        return (AbstractStreamOperator<?>) harness.getOperator();
    }

    private static int keyedStateEntries(AbstractStreamOperatorTestHarness<?> harness) {
        return ((HeapKeyedStateBackend<?>) operator(harness).getKeyedStateBackend()).numKeyValueStateEntries();
    }

    @Test
    void theSlaTimerFindsASlowFirstResponseAndExpiryClearsTheTicket() throws Exception {
        try (var harness = tickets()) {
            CxEvent opened = support(EventType.TICKET_OPENED, "T1", 0, null);
            harness.processElement(new StreamRecord<>(opened, opened.ts));
            harness.watermark(START + 5 * MINUTE - 1);
            assertThat(harness.getSideOutput(TicketTracker.EXPERIENCES)).isNull();
            harness.watermark(START + 5 * MINUTE);
            assertThat(harness.getSideOutput(TicketTracker.EXPERIENCES)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().kind).isEqualTo(BadExperienceKind.SLOW_FIRST_RESPONSE));

            CxEvent agent = support(EventType.MESSAGE, "T1", 9 * MINUTE, "agent");
            harness.processElement(new StreamRecord<>(agent, agent.ts));
            CxEvent earlier = support(EventType.MESSAGE, "T1", 8 * MINUTE, "agent");
            harness.processElement(new StreamRecord<>(earlier, earlier.ts));
            assertThat(harness.extractOutputValues()).extracting(f -> f.kind + "=" + f.value)
                    .as("the first response waits for event time").containsExactly("OPENED=1.0");
            harness.watermark(START + 9 * MINUTE);
            assertThat(harness.getOutput()).filteredOn(o -> o instanceof StreamRecord<?>)
                    .map(o -> (StreamRecord<?>) o)
                    .filteredOn(r -> ((SupportFact) r.getValue()).kind == SupportFact.Kind.FIRST_RESPONSE)
                    .singleElement().satisfies(r -> {
                        assertThat(((SupportFact) r.getValue()).value).as("the earliest reply").isEqualTo(480.0);
                        assertThat(r.getTimestamp()).as("at the reply's own time").isEqualTo(START + 8 * MINUTE);
                    });
            assertThat(keyedStateEntries(harness)).isPositive();

            harness.watermark(START + 9 * MINUTE + 30 * DAY);
            assertThat(keyedStateEntries(harness)).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aTimelyReplyIsNoBadExperience() throws Exception {
        try (var harness = tickets()) {
            for (CxEvent e : new CxEvent[] {support(EventType.TICKET_OPENED, "T2", 0, null),
                    support(EventType.MESSAGE, "T2", 2 * MINUTE, "agent")}) {
                harness.processElement(new StreamRecord<>(e, e.ts));
            }
            harness.watermark(START + 10 * MINUTE);
            assertThat(harness.getSideOutput(TicketTracker.EXPERIENCES)).isNull();
        }
    }

    @Test
    void anotherTicketWithinSevenDaysIsARepeatContactAndStateExpires() throws Exception {
        try (var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new RepeatContacts(Duration.ofDays(7))),
                (CxEvent e) -> e.customerId, (ForgetRequest r) -> r.customerId, Types.STRING)) {
            harness.open();
            for (CxEvent e : new CxEvent[] {support(EventType.TICKET_OPENED, "T1", 0, null),
                    support(EventType.TICKET_OPENED, "T1", 0, null),
                    support(EventType.TICKET_OPENED, "T2", 3 * DAY, null),
                    support(EventType.TICKET_OPENED, "T3", 11 * DAY, null)}) {
                harness.processElement1(new StreamRecord<>(e, e.ts));
            }
            assertThat(harness.extractOutputValues()).extracting(f -> f.kind)
                    .containsExactly(SupportFact.Kind.REPEAT_CONTACT);
            harness.processBothWatermarks(new Watermark(START + 19 * DAY));
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    @Test
    void aForgottenCustomersTicketsAreDroppedOthersGoOn() throws Exception {
        try (var harness = tickets()) {
            CxEvent theirs = support(EventType.TICKET_OPENED, "T1", 0, null);
            CxEvent another = support(EventType.TICKET_OPENED, "T2", 0, null);
            another.customerId = "c2";
            harness.processElement(new StreamRecord<>(theirs, theirs.ts));
            harness.processElement(new StreamRecord<>(another, another.ts));
            harness.processBroadcastElement(new StreamRecord<>(new ForgetRequest("c1", "r1")));
            assertThat(harness.getSideOutput(ForgetApplied.TAG)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().operator + " " + r.getValue().parts).isEqualTo("tickets 1"));

            harness.watermark(START + 5 * MINUTE);
            assertThat(harness.getSideOutput(TicketTracker.EXPERIENCES)).as("only c2's ticket is still judged")
                    .extracting(r -> r.getValue().customerId).containsExactly("c2");
            harness.watermark(START + 31 * DAY);
            assertThat(keyedStateEntries(harness)).isZero();
            assertThat(harness.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aForgottenCustomersLastOpeningIsNoRepeatContact() throws Exception {
        try (var harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new RepeatContacts(Duration.ofDays(7))),
                (CxEvent e) -> e.customerId, (ForgetRequest r) -> r.customerId, Types.STRING)) {
            harness.open();
            CxEvent first = support(EventType.TICKET_OPENED, "T1", 0, null);
            CxEvent second = support(EventType.TICKET_OPENED, "T2", DAY, null);
            harness.processElement1(new StreamRecord<>(first, first.ts));
            harness.processElement2(new StreamRecord<>(new ForgetRequest("c1", "r1")));
            assertThat(harness.numKeyedStateEntries()).isZero();
            harness.processElement1(new StreamRecord<>(second, second.ts));
            assertThat(harness.extractOutputValues()).as("the first opening is forgotten").isEmpty();
            assertThat(harness.getSideOutput(ForgetApplied.TAG)).extracting(r -> r.getValue().operator)
                    .containsExactly(RepeatContacts.FORGETS);
        }
    }
}
