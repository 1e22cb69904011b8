package io.cxmonitor.domain.risk;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cxmonitor.events.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The JSON of {@code cx.alerts} (SPEC 5), plus the {@code trigger} of the change. */
public final class AlertJson {

    private static final JsonFactory JSON = new JsonFactory();

    private AlertJson() {}

    public static byte[] write(Alert a) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("alert_id", a.alertId);
            g.writeStringField("dedup_key", a.dedupKey);
            g.writeStringField("status", a.status);
            g.writeStringField("customer_id", a.customerId);
            g.writeNumberField("risk_score", a.riskScore);
            g.writeStringField("severity", a.severity);
            g.writeObjectFieldStart("first_bad_experience");
            experience(g, a.firstKind, a.firstTouchpoint, a.firstTs, a.firstEventIds);
            g.writeEndObject();
            g.writeObjectFieldStart("trigger");
            experience(g, a.triggerKind, null, a.triggerTs, a.triggerEventIds);
            g.writeEndObject();
            g.writeNumberField("bad_experiences_in_window", a.badExperiencesInWindow);
            g.writeObjectFieldStart("customer_value");
            g.writeNumberField("purchases", a.purchases);
            g.writeNumberField("total", a.purchaseTotal);
            g.writeNumberField("tenure_days", a.tenureDays);
            g.writeEndObject();
            g.writeStringField("detected_at", Timestamps.format(a.detectedAt));
            g.writeStringField("summary", a.summary);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void experience(JsonGenerator g, String kind, String touchpoint, long ts, String[] ids)
            throws IOException {
        g.writeStringField("kind", kind);
        if (touchpoint != null) {
            g.writeStringField("touchpoint", touchpoint);
        }
        g.writeStringField("ts", Timestamps.format(ts));
        g.writeArrayFieldStart("event_ids");
        for (String id : ids) {
            g.writeString(id);
        }
        g.writeEndArray();
    }

    /** Reads what {@link #write} wrote; unknown fields are skipped. */
    public static Alert read(byte[] json) throws IOException {
        Alert a = new Alert();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("an alert is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "alert_id" -> a.alertId = p.getText();
                    case "dedup_key" -> a.dedupKey = p.getText();
                    case "status" -> a.status = p.getText();
                    case "customer_id" -> a.customerId = p.getText();
                    case "risk_score" -> a.riskScore = p.getDoubleValue();
                    case "severity" -> a.severity = p.getText();
                    case "bad_experiences_in_window" -> a.badExperiencesInWindow = p.getIntValue();
                    case "detected_at" -> a.detectedAt = Timestamps.parse(p.getText());
                    case "summary" -> a.summary = p.getText();
                    case "first_bad_experience", "trigger", "customer_value" -> readObject(p, name, a);
                    default -> p.skipChildren();
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("not an alert: " + e.getMessage(), e);
        }
        if (a.alertId == null || a.customerId == null) {
            throw new IOException("an alert needs alert_id and customer_id");
        }
        return a;
    }

    private static void readObject(JsonParser p, String object, Alert a) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            boolean first = object.equals("first_bad_experience");
            switch (object + "." + field) {
                case "first_bad_experience.kind" -> a.firstKind = p.getText();
                case "first_bad_experience.touchpoint" -> a.firstTouchpoint = p.getText();
                case "trigger.kind" -> a.triggerKind = p.getText();
                case "first_bad_experience.ts", "trigger.ts" -> {
                    long ts = Timestamps.parse(p.getText());
                    if (first) {
                        a.firstTs = ts;
                    } else {
                        a.triggerTs = ts;
                    }
                }
                case "first_bad_experience.event_ids", "trigger.event_ids" -> {
                    List<String> ids = new ArrayList<>();
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        ids.add(p.getText());
                    }
                    if (first) {
                        a.firstEventIds = ids.toArray(new String[0]);
                    } else {
                        a.triggerEventIds = ids.toArray(new String[0]);
                    }
                }
                case "customer_value.purchases" -> a.purchases = p.getLongValue();
                case "customer_value.total" -> a.purchaseTotal = p.getDoubleValue();
                case "customer_value.tenure_days" -> a.tenureDays = p.getLongValue();
                default -> p.skipChildren();
            }
        }
    }
}
