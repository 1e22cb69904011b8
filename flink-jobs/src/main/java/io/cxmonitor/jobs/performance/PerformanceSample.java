package io.cxmonitor.jobs.performance;

import io.cxmonitor.domain.friction.FrictionRules;
import io.cxmonitor.domain.performance.AppHealth;
import io.cxmonitor.domain.performance.WebVitals;
import io.cxmonitor.events.CxEvent;

/**
 * A web or app event cut down to what the performance signals need (web vitals, API calls, app
 * starts, crashes and ANRs), so that only a few fields cross the network. A Flink POJO.
 */
public class PerformanceSample {

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

    public PerformanceSample() {}

    /** The sample of an event that {@link #feeds} these signals. */
    public static PerformanceSample of(CxEvent e) {
        PerformanceSample s = new PerformanceSample();
        switch (e.type) {
            case WEB_VITAL -> {
                s.kind = Kind.VITAL;
                s.metric = e.metric;
                s.value = e.value;
            }
            case API_CALL -> {
                s.kind = Kind.API_CALL;
                s.failed = FrictionRules.isFailedCall(e);
                s.value = e.latencyMs == null ? 0 : e.latencyMs;
            }
            case APP_START -> s.kind = Kind.APP_START;
            case CRASH -> s.kind = Kind.CRASH;
            case ANR -> s.kind = Kind.ANR;
            default -> throw new IllegalArgumentException(e.type + " feeds no performance signal");
        }
        s.place = e.pageType != null ? e.pageType : e.screen;
        s.platform = e.platform;
        s.appVersion = e.appVersion;
        return s;
    }

    /** What the sample is to app health, or {@code null} when it is no app event. */
    public AppHealth.Kind appHealth() {
        return switch (kind) {
            case APP_START -> AppHealth.Kind.START;
            case CRASH -> AppHealth.Kind.CRASH;
            case ANR -> AppHealth.Kind.ANR;
            default -> null;
        };
    }

    /**
     * Whether the event feeds a performance signal: a web vital SPEC 3.2 rates, with its value; an
     * API call with a latency or a failure (one with neither says nothing about either); an app
     * start, crash or ANR.
     */
    public static boolean feeds(CxEvent e) {
        return switch (e.type) {
            case WEB_VITAL -> WebVitals.isRated(e.metric, e.value);
            case API_CALL -> e.latencyMs != null || FrictionRules.isFailedCall(e);
            case APP_START, CRASH, ANR -> true;
            default -> false;
        };
    }
}
