package io.cxmonitor.jobs.notify;

import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.events.DeadLetter;

/**
 * A record of the alert topic as the notifier reads it: the alert, or the dead letter that says
 * why it is none. Exactly one is set; a record that is not an alert travels as data, because a
 * reader that throws would stop every notification. A Flink POJO.
 */
public class AlertRecord {

    public Alert alert;
    public DeadLetter deadLetter;

    public AlertRecord() {}

    static AlertRecord of(Alert alert) {
        AlertRecord r = new AlertRecord();
        r.alert = alert;
        return r;
    }

    static AlertRecord refused(DeadLetter deadLetter) {
        AlertRecord r = new AlertRecord();
        r.deadLetter = deadLetter;
        return r;
    }
}
