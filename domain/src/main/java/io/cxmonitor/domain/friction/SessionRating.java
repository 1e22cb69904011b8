package io.cxmonitor.domain.friction;

import java.util.Locale;

/** How a session felt, from its friction (SPEC 3.2); the names follow Apdex. */
public enum SessionRating {
    SATISFYING, TOLERATING, FRUSTRATING;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
