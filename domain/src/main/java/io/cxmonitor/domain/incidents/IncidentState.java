package io.cxmonitor.domain.incidents;

/**
 * What the incident tracking keeps per group. Plain fields for Flink POJO state; the set of
 * affected customers lives beside it ({@link Incidents.Customers}), as it can be large.
 */
public class IncidentState {

    /** The distinct customers of the last group-wait window, one experience each. */
    public RecentExperience[] recent = new RecentExperience[0];
    /** The latest event time seen. */
    public long latest = Long.MIN_VALUE;
    /** When the group was first seen: it may fire once it has a usual level to compare with. */
    public long firstSeen = Long.MIN_VALUE;
    /** Customers per group-wait slot over the baseline, a ring indexed by slot number. */
    public long[] slotCounts = new long[0];
    public long[] slotNumbers = new long[0];

    /** The open incident, if {@code openId} is set. */
    public String openId;
    public long openedAt;
    public long lastSeen;
    public long customers;
    public double valueAtRisk;
    public AffectedCustomer[] top = new AffectedCustomer[0];
    public long publishedCustomers;
    public long publishedAt;
    /** Since when the group has been below its threshold, or MIN_VALUE. */
    public long belowSince = Long.MIN_VALUE;
    public int changes;

    public IncidentState() {}

    public boolean open() {
        return openId != null;
    }

    /**
     * Drops a customer forgotten on request from the recent experiences and the most valuable
     * customers; the counts and the value at risk stay, naming nobody.
     *
     * @return whether the customer was there
     */
    public boolean forget(String customerId) {
        int before = recent.length + top.length;
        recent = java.util.Arrays.stream(recent).filter(r -> !customerId.equals(r.customerId))
                .toArray(RecentExperience[]::new);
        top = java.util.Arrays.stream(top).filter(c -> !customerId.equals(c.customerId))
                .toArray(AffectedCustomer[]::new);
        return recent.length + top.length != before;
    }
}
