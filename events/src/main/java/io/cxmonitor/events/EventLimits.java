package io.cxmonitor.events;

import java.io.Serializable;
import java.time.Duration;

/**
 * The size and time bounds of the event contract (SPEC section 2), in one place: the reader
 * enforces them and the jobs' settings override them.
 *
 * @param maxBytes largest accepted record, in bytes (1 MiB)
 * @param maxFuture how far beyond the wall clock an event time may lie (24 h)
 * @param maxIdLength longest accepted id, in characters (256)
 */
public record EventLimits(int maxBytes, Duration maxFuture, int maxIdLength) implements Serializable {

    public static final EventLimits DEFAULT = new EventLimits(1024 * 1024, Duration.ofHours(24), 256);

    public EventLimits {
        if (maxBytes < 1 || maxIdLength < 1 || maxFuture.isNegative()) {
            throw new IllegalArgumentException("event limits must be positive: " + maxBytes + " bytes, "
                    + maxFuture + ", ids of " + maxIdLength + " characters");
        }
    }

    /** Whether an id is within the limit, counted in characters as its sender counts them: an emoji is one. */
    public boolean fitsIdLimit(String id) {
        return id.length() <= maxIdLength || idLength(id) <= maxIdLength;
    }

    /** An id's length in characters (code points), not in UTF-16 units. */
    public static int idLength(String id) {
        return id.codePointCount(0, id.length());
    }
}
