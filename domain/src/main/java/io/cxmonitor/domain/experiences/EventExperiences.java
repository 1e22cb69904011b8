package io.cxmonitor.domain.experiences;

import io.cxmonitor.domain.journeys.SessionAnalyzer;
import io.cxmonitor.domain.topics.TopicAnalyzer;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.Stream;
import java.io.Serializable;

/**
 * The bad experience an event is by itself, without its session or its ticket (SPEC 3.5): a crash
 * or a failure on a checkout step, a negative review or support message, a low survey answer, a
 * reopened ticket. What a late event still tells: a crash report sent at the app's next start, or
 * a review typed offline, comes after its minute's window has closed, yet the customer had the bad
 * experience all the same. What needs the session or the ticket (a frustrated session, an
 * abandonment after friction, a slow first response) a late event cannot tell.
 */
public final class EventExperiences implements Serializable {

    private final SessionAnalyzer sessions;
    private final ExperienceRules rules;
    private final TopicAnalyzer texts;

    public EventExperiences(SessionAnalyzer sessions, ExperienceRules rules, TopicAnalyzer texts) {
        this.sessions = sessions;
        this.rules = rules;
        this.texts = texts;
    }

    /** The event's own bad experience, or {@code null}; only of a known customer. */
    public BadExperience of(CxEvent e) {
        if (e.customerId == null) {
            return null;
        }
        if (e.stream.isDigital()) {
            return sessions.immediate(e);
        }
        BadExperience answer = e.stream == Stream.SUPPORT ? rules.ofSupportEvent(e) : null;
        if (answer != null) {
            return answer;
        }
        String text = ExperienceRules.customerText(e);
        return rules.ofText(e, text == null ? null : texts.analyze(text));
    }
}
