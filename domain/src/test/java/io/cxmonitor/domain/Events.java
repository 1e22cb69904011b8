package io.cxmonitor.domain;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Test data builders: events that read like sentences, at named instants. */
public final class Events {

    public static final long NOON = Instant.parse("2026-11-23T12:00:00Z").toEpochMilli();

    private static final AtomicInteger IDS = new AtomicInteger();

    private Events() {}

    public static long at(long millisAfterNoon) {
        return NOON + millisAfterNoon;
    }

    public static CxEvent web(EventType type, long ts) {
        return event(Stream.CLICKSTREAM, type, ts);
    }

    public static CxEvent app(EventType type, long ts) {
        CxEvent e = event(Stream.APP, type, ts);
        e.platform = "android";
        e.appVersion = "5.2.0";
        return e;
    }

    public static CxEvent click(long ts, double x, double y, String element) {
        CxEvent e = web(EventType.CLICK, ts);
        e.x = x;
        e.y = y;
        e.element = element;
        e.pageType = "product";
        return e;
    }

    public static CxEvent on(String pageType, CxEvent e) {
        e.pageType = pageType;
        return e;
    }

    private static CxEvent event(Stream stream, EventType type, long ts) {
        CxEvent e = new CxEvent(stream, type, "e" + IDS.incrementAndGet(), ts);
        e.customerId = "c1";
        e.sessionId = "s1";
        return e;
    }
}
