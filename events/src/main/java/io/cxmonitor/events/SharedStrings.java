package io.cxmonitor.events;

/**
 * One instance for each value of the few-valued strings that keyed state keeps for every customer
 * (page types, screens, platforms, app versions, streams, event types). Every event read from the
 * network brings its own copies, 40 to 60 bytes each; state that keeps the shared instance instead
 * holds a reference. A direct-mapped table of the last value seen in each slot: a value is shared
 * while its slot still holds it, and a rarer value that takes the slot over costs the others a miss.
 * Memory stays bounded whatever the input, and frequent values keep their slots.
 *
 * <p>Safe across threads without locks: a slot holds a reference to an immutable string, and a
 * lost race only costs a miss.
 */
public final class SharedStrings {

    private static final int SLOTS = 4096;
    private static final String[] TABLE = new String[SLOTS];

    private SharedStrings() {}

    /** The instance equal to {@code s} seen last in its slot, else {@code s}, which is remembered. */
    public static String of(String s) {
        if (s == null) {
            return null;
        }
        int h = s.hashCode();
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        String known = TABLE[slot];
        if (s.equals(known)) {
            return known;
        }
        TABLE[slot] = s;
        return s;
    }
}
