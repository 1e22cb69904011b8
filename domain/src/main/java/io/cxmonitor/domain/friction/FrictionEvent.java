package io.cxmonitor.domain.friction;

/** One occurrence of friction in a session, with where it happened. A Flink POJO. */
public class FrictionEvent {

    public FrictionSignal signal;
    public long ts;
    /** web or app. */
    public String touchpoint;
    /** The page_type (web) or screen (app). */
    public String place;
    public String platform;
    public String appVersion;
    /** Clicks in a rage-click burst; 1 otherwise. */
    public int count;
    /** The event that shows it (the first click of a burst). */
    public String eventId;

    public FrictionEvent() {}

    @Override
    public String toString() {
        return signal.id() + " at " + ts + " on " + touchpoint + "/" + place + (count > 1 ? " x" + count : "");
    }
}
