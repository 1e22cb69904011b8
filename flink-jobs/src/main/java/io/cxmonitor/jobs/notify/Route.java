package io.cxmonitor.jobs.notify;

import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.Priority;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * Where notifications go: a generic webhook, PagerDuty or Slack, for one audience. An outreach
 * route receives customer alerts of some severity and priority, within a budget per minute; an
 * on-call route receives incidents. Its secret never shows in {@link #toString()}.
 */
public final class Route implements Serializable {

    /** The kinds of receiver. */
    public enum Type {
        WEBHOOK, PAGERDUTY, SLACK
    }

    /**
     * What a route receives: customer alerts (outreach); incidents of customers' bad experiences
     * (on-call); or anomalies, the series that left their usual level (operations): an outage moves
     * many series at once, and on-call hears of it once, by its incident.
     */
    public enum Receives {
        CUSTOMERS, INCIDENTS, ANOMALIES;

        /** Whether it receives something of {@code cx.incidents}, anomalies being incidents of kind anomaly. */
        public boolean incidents() {
            return this != CUSTOMERS;
        }

        /** As {@code receives} names it in a routes file. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final List<String> SEVERITIES = List.of("warning", "high", "critical");

    final String name;
    final Type type;
    final String url;
    final Receives receives;
    final String minSeverity;
    final Priority minPriority;
    /** Customer alerts delivered one by one per minute, the rest in a digest; 0 for no budget. */
    final int maxPerMinute;
    /** HMAC key (webhook) or routing key (PagerDuty); empty for Slack, whose URL is the secret. */
    private final String secret;

    Route(String name, Type type, String url, Receives receives, String minSeverity, Priority minPriority,
            int maxPerMinute, String secret) {
        this.name = name;
        this.type = type;
        this.url = url;
        this.receives = receives;
        this.minSeverity = minSeverity;
        this.minPriority = minPriority;
        this.maxPerMinute = maxPerMinute;
        this.secret = secret;
    }

    /** A route for customer alerts of every severity and priority, without a budget. */
    Route(String name, Type type, String url, String secret) {
        this(name, type, url, Receives.CUSTOMERS, "warning", Priority.P3, 0, secret);
    }

    public String name() {
        return name;
    }

    String secret() {
        return secret;
    }

    public Receives receives() {
        return receives;
    }

    /** Whether an incident goes this way: an anomaly to a route of anomalies, any other to one of incidents. */
    public boolean takes(Incident incident) {
        return receives == (incident.group.isAnomaly() ? Receives.ANOMALIES : Receives.INCIDENTS);
    }

    /** Customer alerts a minute delivered one by one, the rest in digests; 0 for no budget. */
    public int maxPerMinute() {
        return maxPerMinute;
    }

    /**
     * Whether a customer alert goes this way: its severity and priority at least the route's (an
     * alert of an older version, without priority, passes).
     */
    public boolean takes(Alert alert) {
        return receives == Receives.CUSTOMERS && SEVERITIES.indexOf(alert.severity) >= SEVERITIES.indexOf(minSeverity)
                && (alert.priority == null || Priority.valueOf(alert.priority).atLeast(minPriority));
    }

    @Override
    public String toString() {
        String shown = type == Type.SLACK ? "(webhook URL from the environment)" : url;
        String what = receives.incidents() ? receives.id()
                : "customer alerts, " + minSeverity + " and above, " + minPriority + " and above"
                        + (maxPerMinute > 0 ? ", " + maxPerMinute + " a minute and the rest in digests" : "");
        return name + " (" + type.name().toLowerCase(Locale.ROOT) + " " + shown + ": " + what + ")";
    }
}
