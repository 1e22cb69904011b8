package io.cxmonitor.jobs.journeys;

import io.cxmonitor.domain.journeys.SessionState;
import io.cxmonitor.events.CxEvent;
import java.util.Arrays;

/**
 * What the session tracker keeps for one customer, device or client session, as one state entry:
 * one look-up of keyed state for each event and timer, where five separate states took five. A
 * Flink POJO (the waiting events are an array, which Flink serializes without Kryo).
 */
public class TrackedSubject {

    /** The open session, or null. */
    public SessionState session;
    /** Events the watermark has not passed yet, in arrival order. */
    public CxEvent[] waiting = new CxEvent[0];
    /** The timer for the earliest waiting event, or null. */
    public Long wakeAt;
    /** The timer that looks whether the session is over, or null. */
    public Long closeAt;
    /** When a crash or checkout failure of the current episode was last reported, or null. */
    public Long reportedAt;

    public TrackedSubject() {}

    void await(CxEvent e) {
        waiting = Arrays.copyOf(waiting, waiting.length + 1);
        waiting[waiting.length - 1] = e;
    }

    /** Whether nothing is left to keep. */
    boolean isEmpty() {
        return session == null && waiting.length == 0 && wakeAt == null && closeAt == null && reportedAt == null;
    }
}
