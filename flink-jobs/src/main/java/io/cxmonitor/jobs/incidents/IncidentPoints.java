package io.cxmonitor.jobs.incidents;

import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.incidents.IncidentGroup;
import io.cxmonitor.jobs.anomalies.AnomalySignals;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import java.util.EnumSet;

/**
 * Incidents in InfluxDB, for annotations on every dashboard and the list of open incidents: one
 * point per state change at the event time of the change, tagged with the incident's group, so
 * that the latest point of a group says whether its incident is open. An anomaly is tagged with
 * its signal instead of a place. No customer is named.
 */
public final class IncidentPoints {

    public static final Measurement INCIDENTS = Measurement.define("cx_incidents",
            EnumSet.of(Tag.STATUS, Tag.KIND, Tag.SIGNAL, Tag.TOUCHPOINT, Tag.PAGE_TYPE, Tag.SCREEN, Tag.PLATFORM, Tag.APP_VERSION),
            "incident_id", "dedup_key", "open", "customers_affected", "value_at_risk", "summary");

    private IncidentPoints() {}

    public static InfluxPoint of(Incident i) {
        IncidentGroup g = i.group;
        Measurement.Builder point = INCIDENTS.point(i.changedAt)
                .tag(Tag.STATUS, i.status)
                .tag(Tag.KIND, g.kind())
                .tag(Tag.TOUCHPOINT, g.touchpoint());
        String signal = AnomalySignals.signalOf(i);
        if (signal != null) {
            point.tag(Tag.SIGNAL, signal); // its summary names the series; cx_anomalies has its tags
        } else if (!g.place().isEmpty()) {
            point.tag("web".equals(g.touchpoint()) ? Tag.PAGE_TYPE : Tag.SCREEN, g.place());
        }
        if (!g.platform().isEmpty()) {
            point.tag(Tag.PLATFORM, g.platform());
        }
        if (!g.appVersion().isEmpty()) {
            point.tag(Tag.APP_VERSION, g.appVersion());
        }
        return point.field("incident_id", i.incidentId)
                .field("dedup_key", i.dedupKey)
                .field("open", i.status.equals("resolved") ? 0L : 1L)
                .field("customers_affected", i.customersAffected)
                .field("value_at_risk", i.valueAtRisk)
                .field("summary", i.summary)
                .build();
    }
}
