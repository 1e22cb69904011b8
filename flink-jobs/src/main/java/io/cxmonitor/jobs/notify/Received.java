package io.cxmonitor.jobs.notify;

import io.cxmonitor.events.DeadLetter;

/**
 * A record of the alert or incident topic as the notifier reads it: the notification, or the dead
 * letter that says why it is none. Exactly one is set; a record that is not what its topic holds
 * travels as data, because a reader that throws would stop every notification. A Flink POJO.
 */
public class Received {

    public Notification notification;
    public DeadLetter deadLetter;

    public Received() {}

    static Received of(Notification notification) {
        Received r = new Received();
        r.notification = notification;
        return r;
    }

    static Received refused(DeadLetter deadLetter) {
        Received r = new Received();
        r.deadLetter = deadLetter;
        return r;
    }
}
