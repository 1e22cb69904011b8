package io.cxmonitor.jobs.journeys;

/** A device's link to a customer (SPEC 3.3), and the event time it expires unless shown again. A Flink POJO. */
public class DeviceLink {

    public String customerId;
    public long expiresAt = Long.MAX_VALUE;

    public DeviceLink() {}

    DeviceLink(String customerId) {
        this.customerId = customerId;
    }
}
