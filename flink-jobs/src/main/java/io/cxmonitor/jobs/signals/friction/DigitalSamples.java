package io.cxmonitor.jobs.signals.friction;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;

/**
 * A web or app event cut down to what the performance signals need (web vitals, API calls, app
 * starts, crashes and ANRs), so that only a few fields cross the network. A Flink POJO.
 */
public class DigitalSamples {

    /** Which signal the sample feeds. */
    public enum Kind {
        VITAL, API_CALL, APP_START, CRASH, ANR
    }

    public Kind kind;
    /** web_vital metric. */
    public String metric;
    /** page_type (web) or screen (app). */
    public String place;
    public String platform;
    public String appVersion;
    public double value;
    public boolean failed;

    public DigitalSamples() {}

    /** The sample of an event, or {@code null} when it feeds none of these signals. */
    public static DigitalSamples of(CxEvent e) {
        DigitalSamples s = new DigitalSamples();
        switch (e.type) {
            case WEB_VITAL -> {
                s.kind = Kind.VITAL;
                s.metric = e.metric;
                s.value = e.value;
            }
            case API_CALL -> {
                if (e.latencyMs == null && (e.status == null || e.status < 500 && e.status != 0)) {
                    return null;
                }
                s.kind = Kind.API_CALL;
                s.value = e.latencyMs == null ? 0 : e.latencyMs;
                s.failed = e.status != null && (e.status >= 500 || e.status == 0);
            }
            case APP_START -> s.kind = Kind.APP_START;
            case CRASH -> s.kind = Kind.CRASH;
            case ANR -> s.kind = Kind.ANR;
            default -> {
                return null;
            }
        }
        s.place = e.pageType != null ? e.pageType : e.screen;
        s.platform = e.platform;
        s.appVersion = e.appVersion;
        return s;
    }

    public boolean isApp() {
        return kind == Kind.APP_START || kind == Kind.CRASH || kind == Kind.ANR;
    }

    /** Whether this is the event type of a sample kind (for filters before the cut). */
    public static boolean feeds(EventType type) {
        return type == EventType.WEB_VITAL || type == EventType.API_CALL || type == EventType.APP_START
                || type == EventType.CRASH || type == EventType.ANR;
    }
}
