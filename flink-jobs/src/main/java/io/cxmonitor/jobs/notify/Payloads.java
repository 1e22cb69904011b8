package io.cxmonitor.jobs.notify;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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

    static byte[] body(Route route, Alert a) {
        switch (route.type) {
            case PAGERDUTY:
                return pagerDuty(route, a);
            case SLACK:
                return slack(a);
            default:
                return AlertJson.write(a);
        }
    }

    /** Events API v2: a trigger with the alert's dedup key, so escalations update the same incident. */
    private static byte[] pagerDuty(Route route, Alert a) {
        return json(g -> {
            g.writeStringField("routing_key", route.secret());
            g.writeStringField("event_action", "trigger");
            g.writeStringField("dedup_key", a.dedupKey);
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
