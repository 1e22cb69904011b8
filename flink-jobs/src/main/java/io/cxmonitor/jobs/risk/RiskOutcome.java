package io.cxmonitor.jobs.risk;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.risk.Alert;

/**
 * What the switching-risk function makes of a bad experience it had not seen: the experience with
 * what the customer has spent (for incidents), and the alert it raised, if any. A Flink POJO.
 */
public class RiskOutcome {

    public BadExperience experience;
    public double customerValue;
    /** The alert state change, or null. */
    public Alert alert;

    public RiskOutcome() {}

    public RiskOutcome(BadExperience experience, double customerValue, Alert alert) {
        this.experience = experience;
        this.customerValue = customerValue;
        this.alert = alert;
    }
}
