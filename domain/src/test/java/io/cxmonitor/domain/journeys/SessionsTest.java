package io.cxmonitor.domain.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
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

    /** One crash or checkout failure of each kind per episode: a burst is one, another kind is news. */
    @Test
    void anEpisodeReportsEachKindOnce() {
        BadExperience failure = new BadExperience("c1", BadExperienceKind.CHECKOUT_FAILURE, 0.9, "web", 0, "e1");
        BadExperience crash = new BadExperience("c1", BadExperienceKind.APP_CRASH, 0.7, "app", 10 * MINUTE, "e2");
        assertThat(sessions.isNews(null, 0, failure)).isTrue();
        int kinds = sessions.kindsAfter(null, 0, failure);
        assertThat(sessions.isNews(0L, kinds, failure)).as("the same kind again").isFalse();
        assertThat(sessions.isNews(0L, kinds, crash)).isTrue();
        kinds = sessions.kindsAfter(0L, kinds, crash);
        BadExperience failureAgain = new BadExperience("c1", BadExperienceKind.CHECKOUT_FAILURE, 0.9, "web", 12 * MINUTE, "e3");
        assertThat(sessions.isNews(10 * MINUTE, kinds, failureAgain)).as("a kind reported already, after another").isFalse();
        assertThat(sessions.isNews(10 * MINUTE, 0, crash)).as("kinds unknown (earlier state): only a new episode").isFalse();
        BadExperience later = new BadExperience("c1", BadExperienceKind.CHECKOUT_FAILURE, 0.9, "web", 50 * MINUTE, "e4");
        assertThat(sessions.isNews(12 * MINUTE, kinds, later)).as("a new episode").isTrue();
        assertThat(sessions.kindsAfter(12 * MINUTE, kinds, later)).isEqualTo(1 << BadExperienceKind.CHECKOUT_FAILURE.ordinal());
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
