package io.cxmonitor.events;

/** A record that breaks the event contract, with the reason that files it among the dead letters. */
public class InvalidEventException extends Exception {

    private final DeadLetterReason reason;

    public InvalidEventException(DeadLetterReason reason, String message) {
        // Thrown for every malformed record: skip the stack trace, it says nothing about the input.
        super(message, null, false, false);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
