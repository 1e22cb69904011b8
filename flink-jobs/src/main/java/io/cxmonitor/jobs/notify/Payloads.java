package io.cxmonitor.jobs.notify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.incidents.IncidentJson;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.events.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The request body each receiver expects, and the webhook signature. */
final class Payloads {

    private static final JsonFactory JSON = new JsonFactory();

    private Payloads() {}

    static byte[] body(Route route, Notification n) {
        if (n.incident != null) {
            return switch (route.type) {
                case PAGERDUTY -> pagerDuty(route, n.incident);
                case SLACK -> slack(n.incident);
                case WEBHOOK -> IncidentJson.write(n.incident);
            };
        }
        if (n.digest != null) {
            return switch (route.type) {
                case PAGERDUTY -> pagerDutyDigest(route, n);
                case SLACK -> slackDigest(n);
                case WEBHOOK -> digestJson(n);
            };
        }
        return switch (route.type) {
            case PAGERDUTY -> pagerDuty(route, n.alert);
            case SLACK -> slack(n.alert);
            case WEBHOOK -> AlertJson.write(n.alert);
        };
    }

    /** Events API v2: a trigger for a firing or an update, a resolve for the resolution, one dedup key for all three. */
    private static byte[] pagerDuty(Route route, Incident i) {
        return json(g -> {
            g.writeStringField("routing_key", route.secret());
            boolean resolved = i.status.equals("resolved");
            g.writeStringField("event_action", resolved ? "resolve" : "trigger");
            g.writeStringField("dedup_key", pagerDutyKey(i.dedupKey));
            if (resolved) {
                return;
            }
            g.writeObjectFieldStart("payload");
            g.writeStringField("summary", i.summary);
            g.writeStringField("source", "cx-monitor");
            g.writeStringField("severity", "critical");
            g.writeStringField("timestamp", Timestamps.format(i.firstSeen));
            g.writeStringField("component", i.group.touchpoint());
            g.writeStringField("class", i.group.kind());
            g.writeObjectFieldStart("custom_details");
            g.writeStringField("incident_id", i.incidentId);
            g.writeStringField("status", i.status);
            g.writeNumberField("customers_affected", i.customersAffected);
            g.writeNumberField("value_at_risk", i.valueAtRisk);
            g.writeStringField("first_seen", Timestamps.format(i.firstSeen));
            g.writeStringField("last_seen", Timestamps.format(i.lastSeen));
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static byte[] slack(Incident i) {
        String head = switch (i.status) {
            case "firing" -> ":fire: *INCIDENT*";
            case "updated" -> ":fire: *INCIDENT* (update)";
            default -> ":white_check_mark: *RESOLVED*";
        };
        return json(g -> g.writeStringField("text", head + " — " + slackEscaped(i.summary) + " `"
                + slackEscaped(i.incidentId) + "`"));
    }

    /** The alerts over a route's budget, in one message: every one of them, none dropped. */
    private static byte[] digestJson(Notification n) {
        return json(g -> {
            g.writeStringField("digest_id", n.digestId);
            g.writeStringField("made_at", Timestamps.format(n.digestAt));
            g.writeNumberField("count", n.digest.length);
            g.writeArrayFieldStart("alerts");
            for (Alert a : n.digest) {
                g.writeRawValue(new String(AlertJson.write(a), StandardCharsets.UTF_8));
            }
            g.writeEndArray();
        });
    }

    private static byte[] slackDigest(Notification n) {
        StringBuilder text = new StringBuilder(":inbox_tray: *").append(n.digest.length)
                .append(" more customer alerts* this minute, over this channel's budget:");
        for (Alert a : n.digest) {
            text.append("\n• ").append(a.priority == null ? "" : "[" + a.priority + "] ").append(slackEscaped(a.summary))
                    .append(" `").append(slackEscaped(a.alertId)).append('`');
        }
        return json(g -> g.writeStringField("text", text.toString()));
    }

    private static byte[] pagerDutyDigest(Route route, Notification n) {
        return json(g -> {
            g.writeStringField("routing_key", route.secret());
            g.writeStringField("event_action", "trigger");
            g.writeStringField("dedup_key", pagerDutyKey(n.dedupKey()));
            g.writeObjectFieldStart("payload");
            g.writeStringField("summary", n.digest.length + " more customer alerts this minute, over the route's budget");
            g.writeStringField("source", "cx-monitor");
            g.writeStringField("severity", "warning");
            g.writeStringField("timestamp", Timestamps.format(n.digestAt));
            g.writeObjectFieldStart("custom_details");
            g.writeArrayFieldStart("alert_ids");
            for (Alert a : n.digest) {
                g.writeString(a.alertId);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** PagerDuty refuses a dedup key longer than this, and a refusal is final. */
    static final int PAGERDUTY_MAX_KEY = 255;

    /**
     * A dedup key PagerDuty accepts: the key itself, or, for a longer one (a customer id may have
     * 256 characters), its start and a SHA-256 of the whole, the same for every change it names.
     */
    static String pagerDutyKey(String key) {
        if (key.length() <= PAGERDUTY_MAX_KEY) {
            return key;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            String hash = HexFormat.of().formatHex(digest);
            String start = key.substring(0, PAGERDUTY_MAX_KEY - hash.length() - 1);
            if (Character.isHighSurrogate(start.charAt(start.length() - 1))) {
                start = start.substring(0, start.length() - 1);
            }
            return start + "~" + hash;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Events API v2: a trigger with the alert's dedup key, so escalations update the same incident. */
    private static byte[] pagerDuty(Route route, Alert a) {
        return json(g -> {
            g.writeStringField("routing_key", route.secret());
            g.writeStringField("event_action", "trigger");
            g.writeStringField("dedup_key", pagerDutyKey(a.dedupKey));
            g.writeObjectFieldStart("payload");
            g.writeStringField("summary", a.summary);
            g.writeStringField("source", "cx-monitor");
            g.writeStringField("severity", a.severity.equals("critical") ? "critical"
                    : a.severity.equals("high") ? "error" : "warning");
            g.writeStringField("timestamp", Timestamps.format(a.triggerTs));
            g.writeStringField("component", a.firstTouchpoint);
            g.writeStringField("class", a.firstKind);
            g.writeObjectFieldStart("custom_details");
            g.writeStringField("alert_id", a.alertId);
            g.writeStringField("status", a.status);
            g.writeStringField("customer_id", a.customerId);
            g.writeNumberField("risk_score", a.riskScore);
            g.writeNumberField("bad_experiences_in_window", a.badExperiencesInWindow);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static byte[] slack(Alert a) {
        String icon = a.severity.equals("critical") ? ":rotating_light:" : a.severity.equals("high") ? ":warning:" : ":eyes:";
        return json(g -> g.writeStringField("text", icon + " *" + a.severity.toUpperCase(java.util.Locale.ROOT)
                + "* switching risk " + (a.status.equals("escalated") ? "(escalated) " : "") + "— "
                + slackEscaped(a.summary) + " `" + slackEscaped(a.alertId) + "`"));
    }

    /**
     * Slack's three control characters escaped, as its API asks: data such as a customer id
     * {@code <!channel>} must never become a mention or a link.
     */
    static String slackEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * {@code sha256=<hex HMAC-SHA256 of timestamp + "." + body>}, for the X-CX-Signature header;
     * the timestamp (epoch seconds) travels in X-CX-Timestamp, so a receiver can refuse a replayed
     * request.
     */
    static String signature(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JVM", e);
        }
    }

    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] json(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            writer.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
