package io.cxmonitor.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The records still to send, in event-time order ({@link Generated#BY_TIME}). A session is made
 * whole when it starts, so at 10,000 events/s half an hour of records waits: one priority queue of
 * millions spends its time in cache misses. Here only the current second is a priority queue; later
 * records wait in a bucket per second, unsorted, until their second comes. The order is the same.
 */
final class TimeQueue {

    private static final long BUCKET = 1_000;

    private final PriorityQueue<Generated> current = new PriorityQueue<>(1 << 12, Generated.BY_TIME);
    private final TreeMap<Long, List<Generated>> later = new TreeMap<>();
    /** Records of buckets up to this one are in {@link #current}. */
    private long loadedUpTo = Long.MIN_VALUE;
    private int size;

    void add(Generated g) {
        long bucket = Math.floorDiv(g.timestamp, BUCKET);
        if (bucket <= loadedUpTo) {
            current.add(g);
        } else {
            later.computeIfAbsent(bucket, b -> new ArrayList<>()).add(g);
        }
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest record, or null. */
    Generated peek() {
        load();
        return current.peek();
    }

    Generated poll() {
        load();
        Generated g = current.poll();
        if (g != null) {
            size--;
        }
        return g;
    }

    private void load() {
        while (current.isEmpty() && !later.isEmpty()) {
            var first = later.pollFirstEntry();
            loadedUpTo = first.getKey();
            current.addAll(first.getValue());
        }
    }
}
