package io.cxmonitor.domain.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The boundaries of SPEC 3.3: a new session after 30 min without events, at most 24 h long. */
class SessionsTest {

    private static final long MINUTE = 60_000;
    private final Sessions sessions = new Sessions(Duration.ofMinutes(30), Duration.ofHours(24));

    private static SessionState session(long start, long end) {
        SessionState s = new SessionState();
        s.start = start;
        s.end = end;
        return s;
    }

    @Test
    void aWholeGapWithoutEventsEndsTheSessionAsItsCloseAndFlinksSessionWindowsDo() {
        SessionState s = session(0, 10 * MINUTE);
        assertThat(sessions.startsNew(s, 40 * MINUTE - 1)).isFalse();
        assertThat(sessions.startsNew(s, 40 * MINUTE)).as("30 min without events").isTrue();
        assertThat(sessions.closesAt(s)).isEqualTo(40 * MINUTE);
    }

    @Test
    void aSessionLastsLessThanItsMaximumLength() {
        long day = 24 * 60 * MINUTE;
        SessionState s = session(0, day - MINUTE);
        assertThat(sessions.startsNew(s, day - 1)).isFalse();
        assertThat(sessions.startsNew(s, day)).isTrue();
        assertThat(sessions.closesAt(s)).isEqualTo(day);
    }
}
