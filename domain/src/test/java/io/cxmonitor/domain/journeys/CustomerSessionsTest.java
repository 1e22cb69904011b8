package io.cxmonitor.domain.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A customer's sessions on the web and in the app, joined into journeys (SPEC 3.3). */
class CustomerSessionsTest {

    private static final long MINUTE = 60_000;
    private static final Sessions RULES = Sessions.DEFAULT;

    private static SessionState session(long start, long end, int touchpoint, boolean converted, int lastStep) {
        SessionState s = new SessionState();
        s.customerId = "c9";
        s.start = start;
        s.end = end;
        s.eventCount = 2;
        s.touchpoints = touchpoint;
        s.converted = converted;
        s.lastStep = lastStep;
        return s;
    }

    @Test
    void aWebCartPaidForInTheAppIsOneConvertedJourneyOnceBothAreOver() {
        CustomerSessions c = new CustomerSessions();
        c.opened("a-web", 0);
        c.opened("c9", 5 * MINUTE);
        assertThat(c.finished("a-web", session(0, 10 * MINUTE, 1, false, 1), RULES))
                .as("the app session is still open and may join it").isEmpty();
        List<SessionState> done = c.finished("c9", session(5 * MINUTE, 20 * MINUTE, 2, true, 4), RULES);
        assertThat(done).singleElement().satisfies(j -> {
            assertThat(j.touchpoints).as("web+app").isEqualTo(3);
            assertThat(j.start).isZero();
            assertThat(j.end).isEqualTo(20 * MINUTE);
            assertThat(j.eventCount).isEqualTo(4);
            assertThat(j.converted).isTrue();
            assertThat(j.lastStep).isEqualTo(4);
        });
        assertThat(c.isEmpty()).isTrue();
    }

    @Test
    void sessionsApartByMoreThanTheGapAreTwoJourneysAndAnOpenLaterSessionHoldsNothingBack() {
        CustomerSessions c = new CustomerSessions();
        c.opened("a-web", 0);
        c.opened("c9", 50 * MINUTE); // begins 40 minutes after the web session ends
        assertThat(c.finished("a-web", session(0, 10 * MINUTE, 1, false, 1), RULES)).as("nothing can join it")
                .singleElement().satisfies(j -> assertThat(j.touchpoints).isEqualTo(1));
        assertThat(c.finished("c9", session(50 * MINUTE, 60 * MINUTE, 2, false, -1), RULES)).hasSize(1);
        assertThat(c.isEmpty()).isTrue();
    }

    @Test
    void aSessionWithinTheGapOfTheLastJoinsIt() {
        CustomerSessions c = new CustomerSessions();
        assertThat(c.finished("a-web", session(0, 10 * MINUTE, 1, false, 1), RULES)).hasSize(1);
        CustomerSessions d = new CustomerSessions();
        d.opened("a-web", 0);
        d.opened("c9", 35 * MINUTE);
        assertThat(d.finished("a-web", session(0, 10 * MINUTE, 1, false, 1), RULES)).as("25 minutes apart").isEmpty();
        assertThat(d.finished("c9", session(35 * MINUTE, 40 * MINUTE, 2, false, 2), RULES)).singleElement()
                .satisfies(j -> assertThat(j.lastStep).isEqualTo(2));
    }

    @Test
    void anOpenSessionWhoseEndNeverCameStopsHoldingTheOthersOnceItCannotBeOpenAnyMore() {
        CustomerSessions c = new CustomerSessions();
        c.opened("forgotten-device", 0);
        c.opened("a-web", 5 * MINUTE);
        assertThat(c.finished("a-web", session(5 * MINUTE, 10 * MINUTE, 1, true, 4), RULES)).isEmpty();
        assertThat(c.expire(-1, RULES)).as("it may still be open").isEmpty();
        assertThat(c.expire(0, RULES)).as("it began too long ago to be open").singleElement()
                .satisfies(j -> assertThat(j.converted).isTrue());
        assertThat(c.isEmpty()).isTrue();
    }
}
