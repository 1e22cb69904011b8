package io.cxmonitor.generator;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.Stream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One record to send: a valid event, or a deliberately malformed payload. It is sent at
 * {@link #emitAt} (later than the event time for out-of-order and late events), with the event
 * time as its Kafka timestamp, and carries the ground truth that its sending makes true. A
 * {@linkplain #isMarker() marker} is sent nowhere and only carries truth, for what becomes true
 * when nothing happens, such as a missed reply deadline.
 */
public final class Generated {

    public final Stream stream;
    public final CxEvent event;
    /** The raw payload of a malformed record; {@code null} for an event. */
    public final byte[] malformed;
    public final String key;
    public final long timestamp;
    long emitAt;
    long seq;
    /** The persona of the event's customer, if any. */
    Persona persona;
    final List<TruthEntry> truth = new ArrayList<>(0);

    Generated(CxEvent event) {
        this.stream = event.stream;
        this.event = event;
        this.malformed = null;
        this.key = event.subjectId();
        this.timestamp = event.ts;
        this.emitAt = event.ts;
    }

    /** Ground truth that becomes true at a time when nothing is sent, such as a missed deadline. */
    static Generated marker(long timestamp, TruthEntry truth) {
        Generated g = new Generated(null, null, timestamp, null);
        g.truth.add(truth);
        return g;
    }

    /** Whether this only carries ground truth and is not sent. */
    public boolean isMarker() {
        return event == null && malformed == null;
    }

    Generated(Stream stream, String key, long timestamp, byte[] malformed) {
        this.stream = stream;
        this.event = null;
        this.malformed = malformed;
        this.key = key;
        this.timestamp = timestamp;
        this.emitAt = timestamp;
    }

    /** Event-time order, then creation order. */
    static final Comparator<Generated> BY_TIME = (a, b) -> {
        int c = Long.compare(a.timestamp, b.timestamp);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    };

    /** Sending order, then creation order. */
    static final Comparator<Generated> BY_SENDING = (a, b) -> {
        int c = Long.compare(a.emitAt, b.emitAt);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    };

    public long emitAt() {
        return emitAt;
    }

    public List<TruthEntry> truth() {
        return truth;
    }
}
