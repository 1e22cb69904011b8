package io.cxmonitor.generator;

import io.cxmonitor.events.Stream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Drives a {@link TrafficSimulator} into a publisher, either live (records are sent when the
 * wall clock reaches their sending time) or as fast as possible (backfill on the simulated
 * clock), until a duration or an event count is reached, or {@link #stop()} is called. Writes
 * the ground truth of what it sent. Closes the publisher and the truth writer when it ends.
 */
public final class GeneratorRun implements Runnable {

    private final TrafficSimulator simulator;
    private final EventPublisher publisher;
    private final TruthWriter truth;
    private final boolean live;
    private final long end;
    private final long maxEvents;
    private final AtomicLongArray counts = new AtomicLongArray(Stream.values().length);
    private final AtomicLong malformed = new AtomicLong();
    private final Set<String> customersSeen = new HashSet<>();
    private final Set<String> customersWithBadExperience = new HashSet<>();
    private volatile boolean stopped;
    private volatile long lastEmitAt = Long.MIN_VALUE;

    /**
     * @param truth where to write the ground truth; {@code null} for none
     * @param live pace to the wall clock; otherwise publish as fast as possible
     * @param start simulated time of the first event (the wall clock for live runs)
     * @param duration how much event time to cover; {@code null} for no limit
     * @param maxEvents how many events to send; {@code 0} for no limit
     */
    public GeneratorRun(TrafficSimulator simulator, EventPublisher publisher, TruthWriter truth, boolean live,
            long start, Duration duration, long maxEvents) {
        this.simulator = simulator;
        this.publisher = publisher;
        this.truth = truth;
        this.live = live;
        this.end = duration == null ? Long.MAX_VALUE : start + duration.toMillis();
        this.maxEvents = maxEvents <= 0 ? Long.MAX_VALUE : maxEvents;
    }

    @Override
    public void run() {
        long sent = 0;
        try {
            while (!stopped && sent < maxEvents) {
                Generated g = simulator.next();
                if (g.emitAt >= end) {
                    break;
                }
                if (live) {
                    long wait = g.emitAt - System.currentTimeMillis();
                    if (wait > 0) {
                        publisher.flush();
                        if (truth != null) {
                            truth.flush();
                        }
                        Thread.sleep(wait);
                    }
                }
                if (!g.isMarker()) {
                    publisher.publish(g);
                }
                lastEmitAt = g.emitAt;
                if (g.isMarker()) {
                    // nothing is sent: only its truth is written
                } else if (g.event == null) {
                    malformed.incrementAndGet();
                } else {
                    counts.incrementAndGet(g.stream.ordinal());
                    sent++;
                }
                if (truth != null) {
                    recordTruth(g);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                publisher.close();
            } finally {
                if (truth != null) {
                    truth.close();
                }
            }
        }
    }

    private void recordTruth(Generated g) {
        if (g.persona != null && g.event != null && customersSeen.add(g.event.customerId)) {
            truth.write(new TruthEntry("customer").with("customer_id", g.event.customerId)
                    .with("persona", g.persona.id()));
        }
        for (TruthEntry entry : g.truth) {
            if (entry.type().equals("bad_experience")) {
                entry.with("first", customersWithBadExperience.add((String) entry.get("customer_id")));
            }
            truth.write(entry);
        }
    }

    /**
     * How far a live run is behind the wall clock: large while it sends what fell due during the
     * simulator's warm-up, near zero once it keeps pace.
     */
    public long behindMillis() {
        return lastEmitAt == Long.MIN_VALUE ? Long.MAX_VALUE : System.currentTimeMillis() - lastEmitAt;
    }

    public void stop() {
        stopped = true;
    }

    /** Events sent so far, per stream. */
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

    public long malformed() {
        return malformed.get();
    }
}
