package io.cxmonitor.domain.journeys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One customer's device sessions on their way to being journeys (SPEC 3.3: sessions per customer,
 * across web and app): the devices with a session open, and the finished sessions that wait for
 * them. Sessions of different devices that overlap, or follow each other within the gap, are one
 * journey; a journey is complete once no open session of the customer could still join it. Plain
 * fields, so that Flink keeps it as POJO state.
 */
public class CustomerSessions {

    public String[] openDevices = new String[0];
    public long[] openStarts = new long[0];
    public SessionState[] finished = new SessionState[0];

    public CustomerSessions() {}

    /** A device's session of the customer began at {@code start} (or became theirs, by a link). */
    public void opened(String device, long start) {
        int i = Arrays.asList(openDevices).indexOf(device);
        if (i < 0) {
            openDevices = Arrays.copyOf(openDevices, openDevices.length + 1);
            openStarts = Arrays.copyOf(openStarts, openStarts.length + 1);
            i = openDevices.length - 1;
        }
        openDevices[i] = device;
        openStarts[i] = start;
    }

    /**
     * A device's session of the customer is over; returns the journeys now complete, each the
     * finished sessions it joins.
     */
    public List<SessionState> finished(String device, SessionState session, Sessions rules) {
        int i = Arrays.asList(openDevices).indexOf(device);
        if (i >= 0) {
            openDevices = remove(openDevices, i);
            long[] starts = new long[openStarts.length - 1];
            System.arraycopy(openStarts, 0, starts, 0, i);
            System.arraycopy(openStarts, i + 1, starts, i, starts.length - i);
            openStarts = starts;
        }
        List<SessionState> waiting = new ArrayList<>(Arrays.asList(finished));
        waiting.add(session);
        return settleAll(waiting, rules);
    }

    /** Groups the finished sessions into journeys; returns those complete, keeps the others. */
    private List<SessionState> settleAll(List<SessionState> waiting, Sessions rules) {
        waiting.sort(Comparator.comparingLong(s -> s.start));
        List<SessionState> complete = new ArrayList<>();
        List<SessionState> stay = new ArrayList<>();
        List<SessionState> journey = new ArrayList<>();
        long end = Long.MIN_VALUE;
        for (SessionState s : waiting) {
            if (!journey.isEmpty() && !rules.joins(end, s.start)) {
                settle(journey, end, rules, complete, stay);
                journey = new ArrayList<>();
            }
            journey.add(s);
            end = journey.size() == 1 ? s.end : Math.max(end, s.end);
        }
        settle(journey, end, rules, complete, stay);
        finished = stay.toArray(new SessionState[0]);
        return complete;
    }

    /**
     * Forgets the open sessions that began before {@code startedBefore} (they cannot be open any
     * more: their end was lost) and returns the journeys now complete.
     */
    public List<SessionState> expire(long startedBefore, Sessions rules) {
        List<String> devices = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < openDevices.length; i++) {
            if (openStarts[i] > startedBefore) {
                devices.add(openDevices[i]);
                starts.add(openStarts[i]);
            }
        }
        openDevices = devices.toArray(new String[0]);
        openStarts = starts.stream().mapToLong(Long::longValue).toArray();
        List<SessionState> waiting = new ArrayList<>(Arrays.asList(finished));
        finished = new SessionState[0];
        return settleAll(waiting, rules);
    }

    /** A journey is complete when no open session could join it; else its sessions wait. */
    private void settle(List<SessionState> journey, long end, Sessions rules, List<SessionState> complete,
            List<SessionState> stay) {
        if (journey.isEmpty()) {
            return;
        }
        for (long start : openStarts) {
            if (rules.joins(end, start)) {
                stay.addAll(journey);
                return;
            }
        }
        SessionState joined = journey.get(0);
        for (SessionState s : journey.subList(1, journey.size())) {
            SessionAnalyzer.join(joined, s);
        }
        complete.add(joined);
    }

    public boolean isEmpty() {
        return openDevices.length == 0 && finished.length == 0;
    }

    private static String[] remove(String[] a, int i) {
        String[] out = new String[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, out.length - i);
        return out;
    }
}
