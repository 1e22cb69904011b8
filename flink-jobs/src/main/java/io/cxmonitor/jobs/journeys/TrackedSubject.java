package io.cxmonitor.jobs.journeys;

import io.cxmonitor.domain.journeys.SessionState;
import io.cxmonitor.events.CxEvent;
import java.util.Arrays;
import java.util.List;

/**
 * What the session tracker keeps for one device (else customer, else client session), as one state entry:
 * one look-up of keyed state for each event and timer, where five separate states took five. A
 * Flink POJO (the waiting events are an array, which Flink serializes without Kryo).
 */
public class TrackedSubject {

    /** The open session, or null. */
    public SessionState session;
    /** None waiting: one array for every subject, where each had its own. */
    private static final CxEvent[] NONE = new CxEvent[0];

    /** Events the watermark has not passed yet, in arrival order: the first {@link #waitingCount}. */
    public CxEvent[] waiting = NONE;
    public int waitingCount;
    /** The timer for the earliest waiting event, or null. */
    public Long wakeAt;
    /** The timer that looks whether the session is over, or null. */
    public Long closeAt;
    /** When a crash or checkout failure of the current episode was last reported, or null. */
    public Long reportedAt;
    /** A session without a customer that is over, waiting for a link until {@link #releaseAt}, or null. */
    public SessionState held;
    public Long releaseAt;

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

    void waitFor(List<CxEvent> events) {
        waiting = events.isEmpty() ? NONE : events.toArray(NONE);
        waitingCount = waiting.length;
    }

    /** Whether a timer at {@code time} serves more than one purpose (Flink keeps one per key and time). */
    boolean timerShared(long time) {
        int uses = 0;
        for (Long t : new Long[] {wakeAt, closeAt, releaseAt}) {
            if (t != null && t == time) {
                uses++;
            }
        }
        return uses > 1;
    }

    /**
     * Drops what is {@code customerId}'s: their open or waiting session and their waiting events;
     * another customer's session on the same device stays. Returns whether anything was theirs.
     */
    boolean forget(String customerId) {
        boolean theirs = false;
        if (session != null && customerId.equals(session.customerId)) {
            session = null;
            closeAt = null; // its timer finds nothing
            theirs = true;
        }
        if (held != null && customerId.equals(held.customerId)) {
            held = null;
            releaseAt = null;
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
            waitFor(kept);
            if (kept.isEmpty()) {
                wakeAt = null; // its timer finds nothing
            }
        }
        if (theirs) {
            reportedAt = null; // their episode: their next crash or checkout failure is news again
        }
        return theirs;
    }

    /** Whether nothing is left to keep. */
    boolean isEmpty() {
        return session == null && waitingCount == 0 && wakeAt == null && closeAt == null && reportedAt == null
                && held == null;
    }
}
