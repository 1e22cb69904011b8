package io.cxmonitor.jobs.risk;

import io.cxmonitor.domain.experiences.BadExperience;

/** What the alerting job learns about a customer: a bad experience, or activity (a purchase). A Flink POJO. */
public class RiskInput {

    public String customerId;
    public long ts;
    /** Set for a bad experience. */
    public BadExperience experience;
    /** Set for a purchase. */
    public Double purchaseValue;
    /** The event behind a purchase, to count a purchase delivered twice once. */
    public String eventId;

    public RiskInput() {}

    public static RiskInput experience(BadExperience b) {
        RiskInput r = new RiskInput();
        r.customerId = b.customerId;
        r.ts = b.ts;
        r.experience = b;
        return r;
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
