package io.cxmonitor.domain.experiences;

import java.util.Locale;

/** The bad experiences of SPEC 3.5, each with the severity it has by default (0-1). */
public enum BadExperienceKind {
    NEGATIVE_REVIEW(0.8),
    NEGATIVE_SUPPORT_MESSAGE(0.7),
    LOW_CSAT(0.7),
    NPS_DETRACTOR(0.5),
    HIGH_EFFORT(0.5),
    TICKET_REOPENED(0.6),
    SLOW_FIRST_RESPONSE(0.5),
    /** Money was on the table: the worst digital experience. */
    CHECKOUT_FAILURE(0.9),
    FRUSTRATED_SESSION(0.6),
    APP_CRASH(0.7),
    ABANDONED_AFTER_FRICTION(0.7);

    private final double defaultSeverity;

    BadExperienceKind(double defaultSeverity) {
        this.defaultSeverity = defaultSeverity;
    }

    public double defaultSeverity() {
        return defaultSeverity;
    }

    /**
     * Whether it is found as it happens, not when a session closes or a deadline passes: the count
     * of a minute is then complete a minute later, soon enough to judge (anomalies).
     */
    public boolean foundAsItHappens() {
        return switch (this) {
            case SLOW_FIRST_RESPONSE, FRUSTRATED_SESSION, ABANDONED_AFTER_FRICTION -> false;
            default -> true;
        };
    }

    /** The wire and tag value, e.g. {@code checkout_failure}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BadExperienceKind fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
