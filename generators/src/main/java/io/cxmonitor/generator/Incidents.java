package io.cxmonitor.generator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The incidents of a run: scheduled up front ({@code --incident checkout_outage@10m/15m}) or
 * triggered while it runs. Safe to trigger from another thread.
 */
public final class Incidents {

    /** One incident over event time [start, end). */
    public record Window(Incident incident, long start, long end) {
        boolean covers(long ts) {
            return ts >= start && ts < end;
        }
    }

    private final List<Window> windows = new CopyOnWriteArrayList<>();
    private final List<Window> announced = new CopyOnWriteArrayList<>();

    public void schedule(Incident incident, long start, Duration duration) {
        windows.add(new Window(incident, start, start + duration.toMillis()));
    }

    /**
     * Parses {@code name@offset/duration} relative to {@code runStart}, e.g.
     * {@code checkout_outage@10m/15m}: a checkout outage from 10 to 25 minutes into the run.
     */
    public void schedule(String spec, long runStart) {
        String[] nameRest = spec.split("@");
        String[] offsetDuration = nameRest.length == 2 ? nameRest[1].split("/") : new String[0];
        if (offsetDuration.length != 2) {
            throw new IllegalArgumentException("incident '" + spec + "': expected name@start/duration, "
                    + "e.g. checkout_outage@10m/15m");
        }
        schedule(Incident.fromId(nameRest[0]), runStart + parse(offsetDuration[0]).toMillis(), parse(offsetDuration[1]));
    }

    public boolean active(Incident incident, long ts) {
        for (Window w : windows) {
            if (w.incident == incident && w.covers(ts)) {
                return true;
            }
        }
        return false;
    }

    /** Windows that started by {@code ts} and were not reported yet, for the ground truth. */
    List<Window> startedBy(long ts) {
        List<Window> started = List.of(); // called for every record: allocate only when one started
        for (Window w : windows) {
            if (w.start <= ts && !announced.contains(w)) {
                announced.add(w);
                started = new java.util.ArrayList<>(started);
                started.add(w);
            }
        }
        return started;
    }

    public List<Window> windows() {
        return List.copyOf(windows);
    }

    /** {@code 90s}, {@code 10m}, {@code 2h}. */
    static Duration parse(String text) {
        String t = text.trim();
        if (t.length() < 2) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use e.g. 90s, 10m or 2h");
        }
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        switch (t.charAt(t.length() - 1)) {
            case 's':
                return Duration.ofSeconds(n);
            case 'm':
                return Duration.ofMinutes(n);
            case 'h':
                return Duration.ofHours(n);
            default:
                throw new IllegalArgumentException("'" + text + "' is not a duration; use e.g. 90s, 10m or 2h");
        }
    }
}
