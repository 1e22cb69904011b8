package io.cxmonitor.jobs.risk;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.domain.risk.TimelineEntry;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;

/**
 * What the alerting job learns about a customer: a bad experience, an event (perhaps a purchase),
 * or a request to forget them. A Flink POJO.
 */
public class RiskInput {

    public String customerId;
    public long ts;
    /** Set for a bad experience. */
    public BadExperience experience;
    /** Set for a purchase. */
    public Double purchaseValue;
    /** The event behind a purchase, to count a purchase delivered twice once. */
    public String eventId;
    /** Set for activity: the event as the customer's timeline shows it. */
    public TimelineEntry event;
    /** Set for a request to forget the customer: its id. */
    public String forgetRequestId;
    /** The device of an event that has one: a device's events without a customer id are its linked customer's. */
    public String anonymousId;

    public RiskInput() {}

    public static RiskInput experience(BadExperience b) {
        RiskInput r = new RiskInput();
        r.customerId = b.customerId;
        r.ts = b.ts;
        r.experience = b;
        return r;
    }

    /**
     * An event of a known customer, or of a device that may be linked to one: activity, a purchase
     * when it is one, and a timeline entry.
     */
    public static RiskInput activity(CxEvent e) {
        Double purchase = e.type == EventType.PURCHASE ? (e.value == null ? 0.0 : e.value) : null;
        RiskInput r = activity(e.customerId, e.ts, purchase, e.eventId);
        r.anonymousId = e.anonymousId;
        r.event = TimelineEntry.of(e);
        return r;
    }

    /** A request to forget the customer; it takes no part in event time. */
    public static RiskInput forget(ForgetRequest request) {
        RiskInput r = new RiskInput();
        r.customerId = request.customerId;
        r.forgetRequestId = request.requestId;
        return r;
    }

    /** The request to forget, of an input made by {@link #forget}. */
    public ForgetRequest forgetRequest() {
        return new ForgetRequest(customerId, forgetRequestId);
    }

    public static RiskInput activity(String customerId, long ts, Double purchaseValue, String eventId) {
        RiskInput r = new RiskInput();
        r.customerId = customerId;
        r.ts = ts;
        r.purchaseValue = purchaseValue;
        r.eventId = eventId;
        return r;
    }
}
