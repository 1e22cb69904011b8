package io.cxmonitor.generator;

import io.cxmonitor.events.CxEvent;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * An endless, time-ordered stream of synthetic events on a simulated clock. Activities (sessions,
 * reviews, tickets) start as a Poisson process sized to the target rate; their events are merged
 * in event-time order. Deterministic: the same seed and start time give the same events.
 */
public final class TrafficSimulator {

    /** Average events per activity, measured on the journeys; sizes the activity start rate. */
    private static final double EVENTS_PER_ACTIVITY = 17.3;

    /**
     * Activities start this long before {@code start} and their earlier events are dropped, so
     * that traffic is at its steady rate from the first event instead of ramping up.
     */
    private static final long WARM_UP_MILLIS = 30 * 60_000;

    private final SplittableRandom random;
    private final Journeys journeys;
    private final int customers;
    private final double activitiesPerMilli;
    private final PriorityQueue<CxEvent> pending =
            new PriorityQueue<>(Comparator.comparingLong((CxEvent e) -> e.ts).thenComparing(e -> e.eventId));
    private final long start;
    private long nextActivityAt;

    /**
     * @param seed makes the traffic reproducible
     * @param start simulated time of the first event, epoch milliseconds
     * @param eventsPerSecond average event rate on the simulated clock
     * @param customers size of the customer base
     */
    public TrafficSimulator(long seed, long start, double eventsPerSecond, int customers) {
        this.random = new SplittableRandom(seed);
        this.journeys = new Journeys(random.split(), Long.toString(seed, 36));
        this.customers = customers;
        this.activitiesPerMilli = eventsPerSecond / EVENTS_PER_ACTIVITY / 1000.0;
        this.start = start;
        this.nextActivityAt = start - WARM_UP_MILLIS;
    }

    /** The next event in event-time order, at or after the start time. */
    public CxEvent next() {
        while (true) {
            while (pending.isEmpty() || nextActivityAt <= pending.peek().ts) {
                startActivity(nextActivityAt);
                nextActivityAt += Math.max(1, (long) (-Math.log(1 - random.nextDouble()) / activitiesPerMilli));
            }
            CxEvent event = pending.poll();
            if (event.ts >= start) {
                return event;
            }
        }
    }

    private void startActivity(long at) {
        boolean known = random.nextDouble() < 0.8;
        String customer = known ? String.format("c-%06d", random.nextInt(customers)) : null;
        double pick = random.nextDouble();
        if (known && pick < 0.03) {
            pending.addAll(journeys.review(customer, at));
        } else if (known && pick < 0.06) {
            pending.addAll(journeys.ticket(customer, at));
        } else {
            String anonymous = known ? null : "a-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            pending.addAll(journeys.session(customer, anonymous, at, random.nextDouble() < 0.45));
        }
    }
}
