package io.cxmonitor.jobs.notify;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/** Where alerts of some severity go: a generic webhook, PagerDuty or Slack. Its secret never shows in {@link #toString()}. */
public final class Route implements Serializable {

    /** The kinds of receiver. */
    public enum Type {
        WEBHOOK, PAGERDUTY, SLACK
    }

    public static final List<String> SEVERITIES = List.of("warning", "high", "critical");

    final String name;
    final Type type;
    final String url;
    final String minSeverity;
    /** HMAC key (webhook) or routing key (PagerDuty); empty for Slack, whose URL is the secret. */
    private final String secret;

    Route(String name, Type type, String url, String minSeverity, String secret) {
        this.name = name;
        this.type = type;
        this.url = url;
        this.minSeverity = minSeverity;
        this.secret = secret;
    }

    public String name() {
        return name;
    }

    String secret() {
        return secret;
    }

    /** Whether an alert of this severity goes this way. */
    public boolean takes(String severity) {
        return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(minSeverity);
    }

    @Override
    public String toString() {
        String shown = type == Type.SLACK ? "(webhook URL from the environment)" : url;
        return name + " (" + type.name().toLowerCase(Locale.ROOT) + " " + shown + ", " + minSeverity + " and above)";
    }
}
