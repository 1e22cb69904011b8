package io.cxmonitor.domain.friction;

import java.util.Locale;

/** The kinds of friction of SPEC 3.2, each with its default weight in a session's friction score. */
public enum FrictionSignal {
    /** At least 3 clicks or taps within 1 s, close together or on one element. */
    RAGE_CLICK(2),
    /** A click followed by a JavaScript error within 1 s. */
    ERROR_CLICK(2),
    /** A click the browser saw change nothing. */
    DEAD_CLICK(0.5),
    JS_ERROR(1),
    /** {@code http_error} with status 500 or more. */
    HTTP_ERROR(1),
    /** {@code api_call} with status 500 or more, or no response (status 0). */
    API_ERROR(1),
    /** {@code api_call} slower than 4 T (Apdex: frustrated). */
    SLOW_API(0.5),
    FORM_ERROR(0.5),
    /** A web vital over its poor threshold. */
    POOR_VITAL(1),
    ANR(2),
    /** An app crash: the session is frustrating whatever else happened. */
    CRASH(4);

    private final double weight;

    FrictionSignal(double weight) {
        this.weight = weight;
    }

    public double weight() {
        return weight;
    }

    /** Errors end a rage click's benefit of the doubt: rage followed by an error is frustrating. */
    public boolean isError() {
        return this == JS_ERROR || this == HTTP_ERROR || this == API_ERROR || this == FORM_ERROR
                || this == ANR || this == CRASH || this == ERROR_CLICK;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
