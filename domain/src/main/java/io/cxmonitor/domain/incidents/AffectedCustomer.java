package io.cxmonitor.domain.incidents;

/** One of an incident's most valuable affected customers, with an example of what happened to them. A Flink POJO. */
public class AffectedCustomer {

    public String customerId;
    /** What the customer has spent in all, the order of {@code top_customers}. */
    public double value;
    public String eventId;

    public AffectedCustomer() {}

    public AffectedCustomer(String customerId, double value, String eventId) {
        this.customerId = customerId;
        this.value = value;
        this.eventId = eventId;
    }
}
