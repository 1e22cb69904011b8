package io.cxmonitor.domain.performance;

/**
 * App starts, crashes and ANRs of a window; the crash rate is crashes per app start (a session),
 * the rate app stores judge. A Flink POJO accumulator.
 */
public class AppHealth {

    /** What an app event is to app health. */
    public enum Kind {
        START, CRASH, ANR
    }

    public long starts;
    public long crashes;
    public long anrs;

    public AppHealth() {}

    public AppHealth add(Kind kind) {
        switch (kind) {
            case START -> starts++;
            case CRASH -> crashes++;
            case ANR -> anrs++;
        }
        return this;
    }

    public AppHealth merge(AppHealth o) {
        starts += o.starts;
        crashes += o.crashes;
        anrs += o.anrs;
        return this;
    }

    /** Crashes per app start, NaN without starts. */
    public double crashRate() {
        return starts == 0 ? Double.NaN : crashes / (double) starts;
    }
}
