package io.cxmonitor.cli.grafana;

import java.time.Duration;

/**
 * One InfluxQL query Grafana would run: a panel target, a template variable, an annotation or an
 * alert-rule query, with what Grafana substitutes into it.
 *
 * @param where e.g. {@code CX overview / Sentiment [A]}
 * @param datasourceUid the datasource it names
 * @param text the query as written, with Grafana's macros and variables
 * @param interval what {@code $__interval} becomes (the panel's minimum interval)
 * @param range the time range of {@code $timeFilter}, or null for the range of the check
 * @param until how long before now that range ends (an alert rule's {@code relativeTimeRange.to})
 */
public record PanelQuery(String where, String datasourceUid, String text, Duration interval, Duration range,
        Duration until) {

    /** A query whose range ends now. */
    public PanelQuery(String where, String datasourceUid, String text, Duration interval, Duration range) {
        this(where, datasourceUid, text, interval, range, Duration.ZERO);
    }
}
