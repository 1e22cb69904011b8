package io.cxmonitor.domain.support;

import static io.cxmonitor.domain.Events.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketsTest {

    private static final long MINUTE = 60_000;

    private final Tickets tickets = new Tickets(SupportRules.DEFAULT);
    private final TicketState state = new TicketState();
    private final List<SupportFact> facts = new ArrayList<>();
    private final List<BadExperience> bad = new ArrayList<>();
    private final Tickets.Output out = new Tickets.Output() {
        @Override
        public void fact(SupportFact fact) {
            facts.add(fact);
        }

        @Override
        public void badExperience(BadExperience experience) {
            bad.add(experience);
        }
    };

    private static CxEvent support(EventType type, long ts, String author) {
        CxEvent e = new CxEvent(Stream.SUPPORT, type, "e-" + type + ts, ts);
        e.customerId = "c1";
        e.ticketId = "T1";
        e.channel = "chat";
        e.author = author;
        return e;
    }

    @Test
    void firstResponseTimeRunsFromOpeningToTheFirstAgentMessageNotTheBot() {
        long deadline = tickets.apply(state, support(EventType.TICKET_OPENED, at(0), null), out);
        assertThat(deadline).isEqualTo(at(5 * MINUTE));
        tickets.apply(state, support(EventType.MESSAGE, at(10_000), "bot"), out);
        tickets.apply(state, support(EventType.MESSAGE, at(2 * MINUTE), "agent"), out);
        tickets.apply(state, support(EventType.MESSAGE, at(3 * MINUTE), "agent"), out);
        assertThat(tickets.responseDue(state)).isEqualTo(at(2 * MINUTE));
        tickets.responsePassed(state, at(2 * MINUTE), out);
        tickets.responsePassed(state, at(3 * MINUTE), out);
        assertThat(facts).extracting(f -> f.kind + "=" + f.value)
                .containsExactly("OPENED=1.0", "FIRST_RESPONSE=120.0");
    }

    @Test
    void theEarliestAgentReplyCountsEvenWhenItArrivesLater() {
        tickets.apply(state, support(EventType.TICKET_OPENED, at(0), null), out);
        tickets.apply(state, support(EventType.MESSAGE, at(4 * MINUTE), "agent"), out);
        tickets.apply(state, support(EventType.MESSAGE, at(90_000), "agent"), out);
        tickets.responsePassed(state, at(4 * MINUTE), out);
        assertThat(facts).extracting(f -> f.kind + "=" + f.value).containsExactly("OPENED=1.0", "FIRST_RESPONSE=90.0");
    }

    @Test
    void anAgentReplySeenBeforeTheOpeningStillCounts() {
        tickets.apply(state, support(EventType.MESSAGE, at(MINUTE), "agent"), out);
        tickets.apply(state, support(EventType.TICKET_OPENED, at(0), null), out);
        tickets.responsePassed(state, tickets.responseDue(state), out);
        assertThat(facts).extracting(f -> f.kind + "=" + f.value).containsExactly("OPENED=1.0", "FIRST_RESPONSE=60.0");
    }

    @Test
    void noAgentReplyByTheDeadlineIsASlowFirstResponse() {
        long deadline = tickets.apply(state, support(EventType.TICKET_OPENED, at(0), null), out);
        tickets.deadlinePassed(state, deadline, out);
        assertThat(bad).singleElement().satisfies(b -> {
            assertThat(b.kind).isEqualTo(BadExperienceKind.SLOW_FIRST_RESPONSE);
            assertThat(b.ts).isEqualTo(deadline);
            assertThat(b.customerId).isEqualTo("c1");
        });
        tickets.deadlinePassed(state, deadline, out);
        assertThat(bad).hasSize(1);
    }

    @Test
    void aReplyInTimeIsNoSlowFirstResponseEvenIfItArrivesLate() {
        long deadline = tickets.apply(state, support(EventType.TICKET_OPENED, at(0), null), out);
        tickets.apply(state, support(EventType.MESSAGE, at(4 * MINUTE), "agent"), out);
        tickets.deadlinePassed(state, deadline, out);
        assertThat(bad).isEmpty();
    }

    @Test
    void emailHasADayToAnswer() {
        CxEvent opened = support(EventType.TICKET_OPENED, at(0), null);
        opened.channel = "email";
        assertThat(tickets.apply(state, opened, out)).isEqualTo(at(24 * 60 * MINUTE));
    }

    @Test
    void resolutionTimeAndReopens() {
        tickets.apply(state, support(EventType.TICKET_OPENED, at(0), null), out);
        tickets.apply(state, support(EventType.TICKET_RESOLVED, at(30 * MINUTE), null), out);
        tickets.apply(state, support(EventType.TICKET_REOPENED, at(40 * MINUTE), null), out);
        assertThat(facts).extracting(f -> f.kind + "=" + f.value)
                .containsExactly("OPENED=1.0", "RESOLVED=1.0", "RESOLUTION=1800.0", "REOPENED=1.0");
    }

    /** The reopen rate is the share of resolved tickets reopened: a ticket counts once as either. */
    @Test
    void aTicketReopenedTwiceIsOneResolvedTicketReopenedWithOneResolutionTime() {
        tickets.apply(state, support(EventType.TICKET_OPENED, at(0), null), out);
        tickets.apply(state, support(EventType.TICKET_RESOLVED, at(10 * MINUTE), null), out);
        tickets.apply(state, support(EventType.TICKET_REOPENED, at(20 * MINUTE), null), out);
        tickets.apply(state, support(EventType.TICKET_RESOLVED, at(30 * MINUTE), null), out);
        tickets.apply(state, support(EventType.TICKET_REOPENED, at(40 * MINUTE), null), out);
        tickets.apply(state, support(EventType.TICKET_RESOLVED, at(50 * MINUTE), null), out);
        assertThat(facts).extracting(f -> f.kind + "=" + f.value)
                .containsExactly("OPENED=1.0", "RESOLVED=1.0", "RESOLUTION=600.0", "REOPENED=1.0");
    }

    @Test
    void aResolutionSeenBeforeTheOpeningStillHasItsTime() {
        tickets.apply(state, support(EventType.TICKET_RESOLVED, at(30 * MINUTE), null), out);
        tickets.apply(state, support(EventType.TICKET_OPENED, at(0), null), out);
        assertThat(facts).extracting(f -> f.kind + "=" + f.value)
                .containsExactly("RESOLVED=1.0", "OPENED=1.0", "RESOLUTION=1800.0");
    }

    @Test
    void aDuplicateOpeningIsNotCountedTwice() {
        tickets.apply(state, support(EventType.TICKET_OPENED, at(0), null), out);
        assertThat(tickets.apply(state, support(EventType.TICKET_OPENED, at(0), null), out)).isEqualTo(Long.MIN_VALUE);
        assertThat(facts).hasSize(1);
    }
}
