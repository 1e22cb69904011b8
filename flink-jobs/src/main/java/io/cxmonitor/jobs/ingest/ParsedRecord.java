package io.cxmonitor.jobs.ingest;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.DeadLetter;

/**
 * What the Kafka source emits for each record: the event, or the dead letter that explains why
 * there is none. Exactly one of the two is set. The source must not throw on bad input (that
 * would fail and restart the job), so bad records travel as data until they are split off.
 */
public class ParsedRecord {

    public CxEvent event;
    public DeadLetter deadLetter;

    public ParsedRecord() {}

    public static ParsedRecord valid(CxEvent event) {
        ParsedRecord r = new ParsedRecord();
        r.event = event;
        return r;
    }

    public static ParsedRecord refused(DeadLetter deadLetter) {
        ParsedRecord r = new ParsedRecord();
        r.deadLetter = deadLetter;
        return r;
    }

    public boolean hasEvent() {
        return event != null;
    }

    /** Event time of an event; Kafka record time of a dead letter. */
    public long timestamp() {
        return event != null ? event.ts : deadLetter.recordTimestamp;
    }

    @Override
    public String toString() {
        return event != null ? event.toString() : deadLetter.toString();
    }
}
