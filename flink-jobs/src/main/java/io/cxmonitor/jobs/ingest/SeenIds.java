package io.cxmonitor.jobs.ingest;

/**
 * The event ids one key has seen within the de-duplication window, as one state value: an
 * open-addressing hash table (linear probing) of 64-bit id hashes and, beside each, the processing
 * time it was first seen. {@link Deduplicate} reads and writes it once per event; as a map state
 * of boxed ids it took three look-ups of keyed state, a map node and two {@code Long}s per id,
 * and a snapshot wrote each id through the map serializer. Here an id costs 16 to 32 bytes and a
 * snapshot writes two arrays.
 *
 * <p>A Flink POJO. Id 0 marks an empty slot, so the hash 0 is stored as 1 (the ids are hashes
 * already: that adds one collision in 2^64).
 */
public class SeenIds {

    private static final int MIN_CAPACITY = 4;

    /** Id hashes by slot, 0 where empty; the length is a power of two. */
    public long[] ids = new long[MIN_CAPACITY];
    /** When the id in the same slot was first seen. */
    public long[] seenAt = new long[MIN_CAPACITY];
    public int size;
    /** The processing time of the pending sweep, or 0 for none. */
    public long sweepAt;

    public SeenIds() {}

    /** When {@code id} was seen, or {@link Long#MIN_VALUE} if it was not. */
    long seenAt(long id) {
        long key = slotKey(id);
        int mask = ids.length - 1;
        for (int i = slot(key, mask); ids[i] != 0; i = (i + 1) & mask) {
            if (ids[i] == key) {
                return seenAt[i];
            }
        }
        return Long.MIN_VALUE;
    }

    /** Remembers that {@code id} was seen {@code at}, replacing an earlier time. */
    void put(long id, long at) {
        if (4 * (size + 1) > 3 * ids.length) {
            rehash(2 * ids.length);
        }
        insert(slotKey(id), at);
    }

    /** Drops the ids seen at or before {@code cutoff}; returns the earliest time kept, or {@link Long#MAX_VALUE}. */
    long dropSeenUntil(long cutoff) {
        long[] oldIds = ids;
        long[] oldSeen = seenAt;
        int kept = 0;
        long earliest = Long.MAX_VALUE;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != 0 && oldSeen[i] > cutoff) {
                kept++;
                earliest = Math.min(earliest, oldSeen[i]);
            }
        }
        int capacity = MIN_CAPACITY;
        while (4 * kept > 3 * capacity) {
            capacity *= 2;
        }
        ids = new long[capacity];
        seenAt = new long[capacity];
        size = 0;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != 0 && oldSeen[i] > cutoff) {
                insert(oldIds[i], oldSeen[i]);
            }
        }
        return earliest;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private void insert(long key, long at) {
        int mask = ids.length - 1;
        int i = slot(key, mask);
        while (ids[i] != 0 && ids[i] != key) {
            i = (i + 1) & mask;
        }
        if (ids[i] == 0) {
            ids[i] = key;
            size++;
        }
        seenAt[i] = at;
    }

    private void rehash(int capacity) {
        long[] oldIds = ids;
        long[] oldSeen = seenAt;
        ids = new long[capacity];
        seenAt = new long[capacity];
        size = 0;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != 0) {
                insert(oldIds[i], oldSeen[i]);
            }
        }
    }

    private static long slotKey(long id) {
        return id == 0 ? 1 : id;
    }

    /** The ids are well-mixed hashes: their high bits pick the slot. */
    private static int slot(long key, int mask) {
        return (int) (key >>> 32) & mask;
    }

    @Override
    public String toString() {
        return size + " ids in " + ids.length + " slots, next sweep at " + sweepAt;
    }
}
