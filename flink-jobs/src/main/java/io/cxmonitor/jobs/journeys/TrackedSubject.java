package io.cxmonitor.jobs.journeys;

import io.cxmonitor.domain.journeys.SessionState;
import io.cxmonitor.events.CxEvent;
import java.util.Arrays;
import java.util.List;

/**
 * What the session tracker keeps for one device (else customer, else client session), as one state entry:
 * one look-up of keyed state for each event and timer, where five separate states took five. A
 * Flink POJO (the waiting events are an array, which Flink serializes without Kryo).
 *
 * <p>Of its timers it keeps only the close timer's time, as a plain {@code long}: when the waiting
 * events are due and when the held session is released follow from what is kept, so a timer set
 * for either does what is due whenever it fires. Boxed times of all three took 32 bytes more per
 * open session.
 */
public class TrackedSubject {

    /** The open session, or null. */
    public SessionState session;
    /** None waiting: one array for every subject, where each had its own. */
    private static final CxEvent[] NONE = new CxEvent[0];

    /** Events the watermark has not passed yet, in arrival order: the first {@link #waitingCount}. */
    public CxEvent[] waiting = NONE;
    public int waitingCount;
    /** When a crash or checkout failure of the current episode was last reported, or null. */
    public Long reportedAt;
    /**
     * The kinds reported in the current episode, one bit per {@code BadExperienceKind} ordinal (0
     * when restored from a version that kept none): a crash after a failed payment is news.
     */
    public int reportedKinds;
    /** A session without a customer that is over, waiting for a link, or null. */
    public SessionState held;
    /**
     * The time of the timer that looks whether the open session is over, or {@link #NO_TIMER}: also
     * after a restore from a version that kept it boxed, when the next timer to fire adopts the role.
     */
    public long closeTimer = NO_TIMER;

    public static final long NO_TIMER = Long.MIN_VALUE;

    public TrackedSubject() {}

    /** Adds an event to wait; the array doubles when full, so that a long wait is not quadratic. */
    void await(CxEvent e) {
        if (waitingCount == waiting.length) {
            waiting = Arrays.copyOf(waiting, Math.max(4, 2 * waiting.length));
        }
        waiting[waitingCount++] = e;
    }

    List<CxEvent> waiting() {
        return Arrays.asList(waiting).subList(0, waitingCount);
    }

    /** The time of the earliest waiting event, or {@link Long#MAX_VALUE} when none waits. */
    long earliestWaiting() {
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < waitingCount; i++) {
            earliest = Math.min(earliest, waiting[i].ts);
        }
        return earliest;
    }

    void waitFor(List<CxEvent> events) {
        waiting = events.isEmpty() ? NONE : events.toArray(NONE);
        waitingCount = waiting.length;
    }

    /**
     * Drops what is {@code customerId}'s: their open or waiting session and their waiting events;
     * another customer's session on the same device stays. Returns whether anything was theirs.
     */
    boolean forget(String customerId) {
        boolean theirs = false;
        if (session != null && customerId.equals(session.customerId)) {
            session = null;
            closeTimer = NO_TIMER; // its timer finds nothing
            theirs = true;
        }
        if (held != null && customerId.equals(held.customerId)) {
            held = null;
            theirs = true;
        }
        List<CxEvent> kept = new java.util.ArrayList<>();
        for (CxEvent e : waiting()) {
            if (customerId.equals(e.customerId)) {
                theirs = true;
            } else {
                kept.add(e);
            }
        }
        if (kept.size() != waitingCount) {
            waitFor(kept); // a timer for one of theirs finds nothing, or the next event not due yet
        }
        if (theirs) {
            reportedAt = null; // their episode: their next crash or checkout failure is news again
            reportedKinds = 0;
        }
        return theirs;
    }

    /** Whether nothing is left to keep. */
    boolean isEmpty() {
        return session == null && waitingCount == 0 && reportedAt == null && held == null;
    }
}
