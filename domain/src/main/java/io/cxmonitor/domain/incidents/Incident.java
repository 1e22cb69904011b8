package io.cxmonitor.domain.incidents;

/** One state change of an incident, as published on {@code cx.incidents} (SPEC 6). A Flink POJO. */
public class Incident {

    /** Unique per state change, derived from the group, the incident's start and the change's number. */
    public String incidentId;
    /** {@code incident:} and the group: the same for the firing, updates and resolution. */
    public String dedupKey;
    /** firing, updated or resolved. */
    public String status;
    public IncidentGroup group;
    public long customersAffected;
    /** Cart values at risk plus what the affected customers have spent before. */
    public double valueAtRisk;
    /** At most 10, most valuable first. */
    public AffectedCustomer[] topCustomers = new AffectedCustomer[0];
    /** Event time of the first and the last bad experience, epoch milliseconds. */
    public long firstSeen;
    public long lastSeen;
    /**
     * Event time of this change: when the incident fired, was updated, or resolved (the end of
     * the window after which it had been below its threshold for resolve-after).
     */
    public long changedAt;
    /** Wall clock of the change. */
    public long detectedAt;
    public String summary;

    public Incident() {}

    @Override
    public String toString() {
        return status + " " + incidentId + " " + dedupKey + ": " + customersAffected + " customers";
    }
}
