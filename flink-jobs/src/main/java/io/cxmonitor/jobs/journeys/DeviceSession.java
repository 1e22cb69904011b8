package io.cxmonitor.jobs.journeys;

import io.cxmonitor.domain.journeys.SessionState;

/**
 * A device's session that belongs to a customer, on its way to the customer's journey: opened
 * (when it begins, or when a link makes it theirs), then finished with what it found. A Flink POJO.
 */
public class DeviceSession {

    public String customerId;
    public String device;
    public long start;
    /** Set once the session is over. */
    public SessionState finished;

    public DeviceSession() {}

    static DeviceSession opened(String customerId, String device, long start) {
        DeviceSession d = new DeviceSession();
        d.customerId = customerId;
        d.device = device;
        d.start = start;
        return d;
    }

    static DeviceSession finished(String device, SessionState session) {
        DeviceSession d = opened(session.customerId, device, session.start);
        d.finished = session;
        return d;
    }
}
