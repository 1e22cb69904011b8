package io.cxmonitor.jobs.risk;

import io.cxmonitor.domain.privacy.Pseudonyms;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import java.util.EnumSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Alerts in InfluxDB, for Grafana's tables and annotations: one point per state change at the
 * event time of the experience that caused it. The customer appears only as a keyed pseudonym
 * (SPEC 8), a field, never a tag; the summary names the pseudonym, not the customer.
 */
public final class AlertPoints extends RichMapFunction<Alert, InfluxPoint> {

    public static final Measurement ALERTS = Measurement.define("cx_alerts",
            EnumSet.of(Tag.STATUS, Tag.SEVERITY, Tag.KIND, Tag.TOUCHPOINT, Tag.TRIGGER),
            "alert_id", "pseudonym", "risk_score", "bad_experiences_in_window", "summary");

    private final String secret;
    private transient Pseudonyms pseudonyms;

    /** @param secret the key of the pseudonyms */
    public AlertPoints(String secret) {
        this.secret = secret;
    }

    @Override
    public void open(OpenContext context) {
        pseudonyms = new Pseudonyms(secret);
    }

    @Override
    public InfluxPoint map(Alert a) {
        return of(a, pseudonyms.of(a.customerId));
    }

    static InfluxPoint of(Alert a, String pseudonym) {
        return ALERTS.point(a.triggerTs)
                .tag(Tag.STATUS, a.status)
                .tag(Tag.SEVERITY, a.severity)
                .tag(Tag.KIND, a.firstKind)
                .tag(Tag.TOUCHPOINT, a.firstTouchpoint)
                .tag(Tag.TRIGGER, a.triggerKind)
                .field("alert_id", a.alertId)
                .field("pseudonym", pseudonym)
                .field("risk_score", a.riskScore)
                .field("bad_experiences_in_window", (long) a.badExperiencesInWindow)
                .field("summary", a.summaryNaming("Customer " + pseudonym))
                .build();
    }

    @Override
    public String toString() {
        return "AlertPoints"; // never the secret
    }
}
