package io.cxmonitor.events;

/** Why a record was refused (SPEC section 2). The lower-case id is a low-cardinality tag. */
public enum DeadLetterReason {
    /** Not a JSON object: invalid JSON, an array, a bare value, an empty record. */
    NOT_JSON,
    /** Larger than the configured maximum (1 MiB by default). */
    TOO_LARGE,
    /** A required field is absent, null or empty. */
    MISSING_FIELD,
    /** A known field has the wrong JSON type, such as a string where a number belongs. */
    WRONG_TYPE,
    /** The {@code type} is not one of its stream's event types. */
    UNKNOWN_TYPE,
    /** A field has the right type but an impossible value, such as a rating of 7. */
    INVALID_VALUE,
    /** {@code ts} cannot be parsed, has no UTC offset, or is implausibly old. */
    BAD_TIMESTAMP,
    /** {@code ts} lies further in the future than allowed (24 h by default). */
    FUTURE_TIMESTAMP,
    /** A record on the alert topic that the notifier cannot read as an alert (SPEC 5). */
    NOT_AN_ALERT,
    /** A record on the incident topic that the notifier cannot read as an incident (SPEC 6). */
    NOT_AN_INCIDENT;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
