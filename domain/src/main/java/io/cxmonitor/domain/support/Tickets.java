package io.cxmonitor.domain.support;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.events.CxEvent;
import java.io.Serializable;

/**
 * The life of one support ticket (SPEC 3.4 and 3.5): first response and resolution times, and the
 * first-response SLA; a ticket counts once as resolved (its resolution time runs to the first
 * resolution that arrives) and once as reopened, however often either happens. Events may come in
 * any order. The first response is the earliest agent message, judged when event time passes it,
 * so an earlier reply that arrives later still counts; the SLA is judged when event time passes
 * the deadline. Bot messages do not stop the clock.
 */
public final class Tickets implements Serializable {

    /** Receives what a ticket's events mean. */
    public interface Output {
        void fact(SupportFact fact);

        void badExperience(BadExperience experience);
    }

    private final SupportRules rules;

    public Tickets(SupportRules rules) {
        this.rules = rules;
    }

    /**
     * Applies one event of the ticket.
     *
     * @return the SLA deadline to check when the event opens the ticket, else {@code Long.MIN_VALUE}
     */
    public long apply(TicketState s, CxEvent e, Output out) {
        s.lastEventAt = Math.max(s.lastEventAt, e.ts);
        if (s.customerId == null) {
            s.customerId = e.customerId;
        }
        if (s.channel == null && e.channel != null) {
            s.channel = e.channel;
        }
        switch (e.type) {
            case TICKET_OPENED -> {
                if (s.isOpened()) {
                    return Long.MIN_VALUE;
                }
                s.openedAt = e.ts;
                s.openedEventId = e.eventId;
                if (e.channel != null) {
                    s.channel = e.channel;
                }
                out.fact(new SupportFact(channel(s), SupportFact.Kind.OPENED, 1));
                reportResolution(s, out); // resolved before its opening arrived
                return e.ts + rules.firstResponseSla(s.channel).toMillis();
            }
            case MESSAGE -> {
                if ("agent".equals(e.author) && !s.responseReported
                        && (s.firstAgentAt == Long.MIN_VALUE || e.ts < s.firstAgentAt)) {
                    s.firstAgentAt = e.ts;
                }
            }
            case TICKET_RESOLVED -> {
                if (s.resolvedAt == Long.MIN_VALUE) { // a ticket is resolved once, reopened or not
                    s.resolvedAt = e.ts;
                    out.fact(new SupportFact(channel(s), SupportFact.Kind.RESOLVED, 1));
                    reportResolution(s, out);
                }
            }
            case TICKET_REOPENED -> {
                if (!s.reopenCounted) { // the reopen rate is the share of resolved tickets reopened
                    s.reopenCounted = true;
                    out.fact(new SupportFact(channel(s), SupportFact.Kind.REOPENED, 1));
                }
            }
            default -> { }
        }
        return Long.MIN_VALUE;
    }

    /** The time from opening to first resolution, once both are known. */
    private static void reportResolution(TicketState s, Output out) {
        if (!s.resolutionReported && s.isOpened() && s.resolvedAt != Long.MIN_VALUE) {
            s.resolutionReported = true;
            out.fact(new SupportFact(channel(s), SupportFact.Kind.RESOLUTION, seconds(s.resolvedAt - s.openedAt)));
        }
    }

    /**
     * When to judge the first response: once event time passes the earliest agent reply known, no
     * earlier one can still arrive on time. {@code Long.MIN_VALUE} when there is nothing to judge.
     */
    public long responseDue(TicketState s) {
        return s.responseReported || !s.isOpened() || s.firstAgentAt == Long.MIN_VALUE
                ? Long.MIN_VALUE : Math.max(s.firstAgentAt, s.openedAt);
    }

    /** Event time passed {@link #responseDue}: the first response time, reported once per ticket. */
    public void responsePassed(TicketState s, long time, Output out) {
        long due = responseDue(s);
        if (due == Long.MIN_VALUE || time < due) {
            return;
        }
        s.responseReported = true;
        out.fact(new SupportFact(channel(s), SupportFact.Kind.FIRST_RESPONSE, seconds(s.firstAgentAt - s.openedAt)));
    }

    /** Event time passed the first-response deadline: a slow first response if no agent had replied. */
    public void deadlinePassed(TicketState s, long deadline, Output out) {
        if (s.slaChecked || !s.isOpened()) {
            return;
        }
        s.slaChecked = true;
        if (s.customerId != null && (s.firstAgentAt == Long.MIN_VALUE || s.firstAgentAt > deadline)) {
            out.badExperience(new BadExperience(s.customerId, BadExperienceKind.SLOW_FIRST_RESPONSE,
                    BadExperienceKind.SLOW_FIRST_RESPONSE.defaultSeverity(), "support", deadline, s.openedEventId));
        }
    }

    private static String channel(TicketState s) {
        return s.channel == null ? "unknown" : s.channel;
    }

    private static double seconds(long millis) {
        return Math.max(0, millis) / 1000.0;
    }
}
