package io.cxmonitor.jobs.risk;

import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import java.util.EnumSet;

/**
 * Alerts in InfluxDB, for Grafana's tables and annotations: one point per state change at the
 * event time of the experience that caused it. The customer is a field, never a tag.
 */
public final class AlertPoints {

    public static final Measurement ALERTS = Measurement.define("cx_alerts",
            EnumSet.of(Tag.STATUS, Tag.SEVERITY, Tag.KIND, Tag.TOUCHPOINT, Tag.TRIGGER),
            "alert_id", "customer_id", "risk_score", "bad_experiences_in_window", "summary");

    private AlertPoints() {}

    public static InfluxPoint of(Alert a) {
        return ALERTS.point(a.triggerTs)
                .tag(Tag.STATUS, a.status)
                .tag(Tag.SEVERITY, a.severity)
                .tag(Tag.KIND, a.firstKind)
                .tag(Tag.TOUCHPOINT, a.firstTouchpoint)
                .tag(Tag.TRIGGER, a.triggerKind)
                .field("alert_id", a.alertId)
                .field("customer_id", a.customerId)
                .field("risk_score", a.riskScore)
                .field("bad_experiences_in_window", (long) a.badExperiencesInWindow)
                .field("summary", a.summary)
                .build();
    }
}
