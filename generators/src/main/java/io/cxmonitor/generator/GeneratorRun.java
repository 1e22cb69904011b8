package io.cxmonitor.generator;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.Stream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Drives a {@link TrafficSimulator} into a publisher, either live (event time follows the wall
 * clock and sending is paced to it) or as fast as possible (backfill on the simulated clock),
 * until a duration of event time or an event count is reached, or {@link #stop()} is called.
 * Closes the publisher when it ends.
 */
public final class GeneratorRun implements Runnable {

    private final TrafficSimulator simulator;
    private final EventPublisher publisher;
    private final boolean live;
    private final long endTs;
    private final long maxEvents;
    private final AtomicLongArray counts = new AtomicLongArray(Stream.values().length);
    private volatile boolean stopped;

    /**
     * @param live pace to the wall clock; otherwise publish as fast as possible
     * @param start simulated time of the first event (the wall clock for live runs)
     * @param duration how much event time to generate; {@code null} for no limit
     * @param maxEvents how many events to generate; {@code 0} for no limit
     */
    public GeneratorRun(TrafficSimulator simulator, EventPublisher publisher, boolean live, long start,
            Duration duration, long maxEvents) {
        this.simulator = simulator;
        this.publisher = publisher;
        this.live = live;
        this.endTs = duration == null ? Long.MAX_VALUE : start + duration.toMillis();
        this.maxEvents = maxEvents <= 0 ? Long.MAX_VALUE : maxEvents;
    }

    @Override
    public void run() {
        long sent = 0;
        try {
            while (!stopped && sent < maxEvents) {
                CxEvent event = simulator.next();
                if (event.ts >= endTs) {
                    break;
                }
                if (live) {
                    long wait = event.ts - System.currentTimeMillis();
                    if (wait > 0) {
                        publisher.flush();
                        Thread.sleep(wait);
                    }
                }
                publisher.publish(event);
                counts.incrementAndGet(event.stream.ordinal());
                sent++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            publisher.close();
        }
    }

    public void stop() {
        stopped = true;
    }

    /** Events published so far, per stream. */
    public Map<Stream, Long> counts() {
        Map<Stream, Long> out = new EnumMap<>(Stream.class);
        for (Stream s : Stream.values()) {
            out.put(s, counts.get(s.ordinal()));
        }
        return out;
    }

    public long total() {
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        return total;
    }
}
