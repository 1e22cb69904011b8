package io.cxmonitor.domain.incidents;

/** A customer's bad experience in the group's current window, with what an incident needs of it. A Flink POJO. */
public class RecentExperience {

    public long ts;
    public long customerHash;
    public String customerId;
    public double customerValue;
    public double cartValue;
    public String eventId;

    public RecentExperience() {}
}
