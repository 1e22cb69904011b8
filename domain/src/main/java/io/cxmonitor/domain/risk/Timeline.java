package io.cxmonitor.domain.risk;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A customer's last {@value #MAX} events across web, app, reviews and support, oldest first: the
 * evidence an alert carries, so that whoever receives it sees what happened without opening
 * another tool. Bounded, so the state per customer is too.
 */
public final class Timeline {

    public static final int MAX = 20;

    private static final Comparator<TimelineEntry> BY_TIME = Comparator.comparingLong((TimelineEntry e) -> e.ts)
            .thenComparingLong(e -> e.eventHash);

    private Timeline() {}

    /**
     * {@code timeline} with {@code entry}, in event-time order, without the oldest beyond
     * {@value #MAX}. An event already there (same id hash) is not added again; an event older than all
     * of a full timeline is not added at all.
     */
    public static TimelineEntry[] add(TimelineEntry[] timeline, TimelineEntry entry) {
        for (TimelineEntry e : timeline) {
            if (entry.eventHash != 0 && entry.eventHash == e.eventHash) {
                return timeline;
            }
        }
        TimelineEntry[] more = Arrays.copyOf(timeline, timeline.length + 1);
        more[timeline.length] = entry;
        Arrays.sort(more, BY_TIME);
        return more.length <= MAX ? more : Arrays.copyOfRange(more, more.length - MAX, more.length);
    }
}
