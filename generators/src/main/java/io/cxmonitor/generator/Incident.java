package io.cxmonitor.generator;

import java.util.Locale;

/** Things that go wrong for many customers at once, and which signals they should move. */
public enum Incident {
    /** Payment calls fail: checkout errors and checkout abandonment rise. */
    CHECKOUT_OUTAGE,
    /** A release slows product pages down: LCP p75 on product pages turns poor. */
    SLOW_RELEASE,
    /** One app version crashes: crashes on that version spike. */
    CRASH_SPIKE,
    /** Parcels are late: negative reviews and angry tickets rise. */
    DELIVERY_DELAYS;

    /** The app version that crashes in a {@link #CRASH_SPIKE}. */
    public static final String CRASHING_VERSION = "5.3.0";

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Incident fromId(String id) {
        try {
            return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown incident '" + id
                    + "'; use checkout_outage, slow_release, crash_spike or delivery_delays");
        }
    }
}
