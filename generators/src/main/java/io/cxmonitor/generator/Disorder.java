package io.cxmonitor.generator;

import io.cxmonitor.events.EventType;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Sends some records later than their event time: out of order by up to 8 s (which the
 * pipeline's 10 s out-of-orderness absorbs), or 3 to 10 minutes late (beyond the allowed
 * lateness, so the pipeline counts them as late). Records that carry ground truth are never
 * delayed, and only page and screen views are sent late: the truth stays exact.
 */
final class Disorder {

    private final SplittableRandom random;
    private final double outOfOrder;
    private final double late;
    private final PriorityQueue<Generated> held = new PriorityQueue<>(Generated.BY_SENDING);
    private Generated lookahead;

    Disorder(SplittableRandom random, double outOfOrder, double late) {
        this.random = random;
        this.outOfOrder = outOfOrder;
        this.late = late;
    }

    /** The next record in sending order, from a source in event-time order. */
    Generated poll(Supplier<Generated> source) {
        if (outOfOrder == 0 && late == 0) {
            return source.get();
        }
        while (true) {
            if (lookahead == null) {
                lookahead = source.get();
            }
            if (!held.isEmpty() && held.peek().emitAt <= lookahead.timestamp) {
                return held.poll();
            }
            delay(lookahead);
            held.add(lookahead);
            lookahead = null;
        }
    }

    private void delay(Generated g) {
        if (g.event == null || !g.truth.isEmpty()) {
            return;
        }
        boolean view = g.event.type == EventType.PAGE_VIEW || g.event.type == EventType.SCREEN_VIEW;
        double r = random.nextDouble();
        if (view && r < late) {
            g.emitAt = g.timestamp + 3 * 60_000 + random.nextLong(7 * 60_000);
            g.truth.add(new TruthEntry("late").with("event_id", g.event.eventId).with("stream", g.stream.id())
                    .with("ts", g.timestamp).with("sent_at", g.emitAt));
        } else if (r < late + outOfOrder) {
            g.emitAt = g.timestamp + 1_000 + random.nextLong(7_000);
        }
    }
}
