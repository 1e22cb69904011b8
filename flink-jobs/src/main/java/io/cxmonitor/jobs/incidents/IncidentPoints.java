package io.cxmonitor.jobs.incidents;

import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import java.util.EnumSet;

/**
 * Incidents in InfluxDB, for annotations on every dashboard and the list of open incidents: one
 * point per state change at its event time (the firing at its first bad experience, an update or
 * the resolution at the last). No customer is named.
 */
public final class IncidentPoints {

    public static final Measurement INCIDENTS = Measurement.define("cx_incidents",
            EnumSet.of(Tag.STATUS, Tag.KIND, Tag.TOUCHPOINT),
            "incident_id", "dedup_key", "customers_affected", "value_at_risk", "summary");

    private IncidentPoints() {}

    public static InfluxPoint of(Incident i) {
        return INCIDENTS.point(i.status.equals("firing") ? i.firstSeen : i.lastSeen)
                .tag(Tag.STATUS, i.status)
                .tag(Tag.KIND, i.group.kind())
                .tag(Tag.TOUCHPOINT, i.group.touchpoint())
                .field("incident_id", i.incidentId)
                .field("dedup_key", i.dedupKey)
                .field("customers_affected", i.customersAffected)
                .field("value_at_risk", i.valueAtRisk)
                .field("summary", i.summary)
                .build();
    }
}
