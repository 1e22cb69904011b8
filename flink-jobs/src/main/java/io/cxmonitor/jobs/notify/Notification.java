package io.cxmonitor.jobs.notify;

import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.risk.Alert;

/**
 * What a route delivers: a customer alert (SPEC 5), an incident (SPEC 6), or a digest of the
 * customer alerts over a route's budget; or, delivered to no one, a customer forgotten (SPEC 8),
 * whose alerts a budget still holds. Exactly one is set. A Flink POJO.
 */
public class Notification {

    public Alert alert;
    public Incident incident;
    /** The alerts of a digest, in the order they came. */
    public Alert[] digest;
    public String digestId;
    /** When the digest was made, epoch milliseconds. */
    public long digestAt;

    /** A customer whose alerts were erased (cx-alerts' tombstone on its topic): nothing of theirs goes out. */
    public String forgotten;

    public Notification() {}

    public static Notification forgotten(String customerId) {
        Notification n = new Notification();
        n.forgotten = customerId;
        return n;
    }

    public static Notification of(Alert alert) {
        Notification n = new Notification();
        n.alert = alert;
        return n;
    }

    public static Notification of(Incident incident) {
        Notification n = new Notification();
        n.incident = incident;
        return n;
    }

    public static Notification digest(String id, long at, Alert[] alerts) {
        Notification n = new Notification();
        n.digestId = id;
        n.digestAt = at;
        n.digest = alerts;
        return n;
    }

    public String id() {
        return alert != null ? alert.alertId : incident != null ? incident.incidentId : digestId;
    }

    public String dedupKey() {
        return alert != null ? alert.dedupKey : incident != null ? incident.dedupKey : "digest:" + digestId;
    }

    /** The event time it is about: the alert's trigger, the incident's last experience, the digest's making. */
    public long eventTs() {
        return alert != null ? alert.triggerTs : incident != null ? incident.changedAt : digestAt;
    }

    /** Wall clock of the detection, for {@code notify.max-age}. */
    public long detectedAt() {
        return alert != null ? alert.detectedAt : incident != null ? incident.detectedAt : digestAt;
    }

    @Override
    public String toString() {
        return alert != null ? alert.toString() : incident != null ? incident.toString()
                : forgotten != null ? "a customer forgotten" : "digest " + digestId + " of " + digest.length + " alerts";
    }
}
