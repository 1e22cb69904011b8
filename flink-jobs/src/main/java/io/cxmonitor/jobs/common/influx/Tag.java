package io.cxmonitor.jobs.common.influx;

import java.util.Locale;

/**
 * The only tag keys a point may carry: low-cardinality dimensions (SPEC section 4). Customer,
 * session, ticket and event ids, and free text, have no constant here, so no job can make them a
 * tag; they can only be fields, and raw text not even that.
 */
public enum Tag {
    STREAM,
    TYPE,
    REASON,
    TOUCHPOINT,
    CHANNEL,
    SOURCE,
    PAGE_TYPE,
    SCREEN,
    PLATFORM,
    APP_VERSION,
    STEP,
    KIND,
    /** The kind of bad experience that fired or escalated an alert. */
    TRIGGER,
    SEVERITY,
    METRIC,
    STATUS,
    ROUTE,
    OUTCOME,
    /** A topic of the taxonomy (SPEC 7): a bounded set, the taxonomy file's. */
    TOPIC,
    /** The signal an anomaly is of (SPEC 7): one of a fixed list, {@code AnomalySignals}'. */
    SIGNAL;

    /** The tag key as written to InfluxDB. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The value written for {@code raw} (see {@link TagValues}). Window keys are built from it too,
     * so that values written alike, such as two unknown page types, are counted together instead
     * of overwriting each other's point.
     */
    public String value(String raw) {
        return TagValues.normalize(this, raw);
    }
}
