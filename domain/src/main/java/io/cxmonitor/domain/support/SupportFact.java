package io.cxmonitor.domain.support;

/** One fact behind the support KPIs of SPEC 3.4, for a channel. A Flink POJO. */
public class SupportFact {

    /** What the fact says. */
    public enum Kind {
        OPENED, RESOLVED, REOPENED, REPEAT_CONTACT, CSAT, NPS, CES,
        /** Seconds from ticket_opened to the first agent message. */
        FIRST_RESPONSE,
        /** Seconds from ticket_opened to ticket_resolved. */
        RESOLUTION
    }

    public String channel;
    public Kind kind;
    /** The score, or the duration in seconds; 1 for counts. */
    public double value;

    public SupportFact() {}

    public SupportFact(String channel, Kind kind, double value) {
        this.channel = channel;
        this.kind = kind;
        this.value = value;
    }

    @Override
    public String toString() {
        return channel + " " + kind + " " + value;
    }
}
