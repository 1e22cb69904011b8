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
    /** What a notifier accepts: far more than any alert of ours, far less than a flood. */
    private static final int MAX_BYTES = 256 * 1024;
    private static final int MAX_TEXT = 4096;
    private static final int MAX_IDS = 100;

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
            if (a.firstTopics != null && a.firstTopics.length > 0) {
                g.writeArrayFieldStart("topics");
                for (String topic : a.firstTopics) {
                    g.writeString(topic);
                }
                g.writeEndArray();
            }
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
            if (a.priority != null) {
                g.writeStringField("priority", a.priority);
            }
            if (a.incidentId != null) {
                g.writeStringField("incident_id", a.incidentId);
            }
            g.writeArrayFieldStart("timeline");
            for (TimelineEntry e : a.timeline) {
                timelineEntry(g, e);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void timelineEntry(JsonGenerator g, TimelineEntry e) throws IOException {
        g.writeStartObject();
        g.writeStringField("ts", Timestamps.format(e.ts));
        g.writeStringField("stream", e.stream);
        g.writeStringField("type", e.type);
        // kept short, whatever an earlier version's state holds: an alert cx-notify can read
        optional(g, "page", TimelineEntry.keptPage(e.page));
        optional(g, "page_type", TimelineEntry.keptPlace(e.pageType));
        optional(g, "screen", TimelineEntry.keptPlace(e.screen));
        if (e.status != null) {
            g.writeNumberField("status", e.status);
        }
        if (e.rating != null) {
            g.writeNumberField("rating", e.rating);
        }
        if (e.score != null) {
            g.writeNumberField("score", e.score);
        }
        g.writeEndObject();
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
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

    /**
     * Reads what {@link #write} wrote; unknown fields are skipped. Whatever else is on the topic is
     * refused with an {@link IOException} that says why: an alert needs its ids, a known status
     * and severity, and a finite risk score; texts and ids are bounded.
     */
    public static Alert read(byte[] json) throws IOException {
        if (json == null || json.length > MAX_BYTES) {
            throw new IOException("an alert is a JSON object of at most " + MAX_BYTES + " bytes");
        }
        Alert a = new Alert();
        a.riskScore = Double.NaN;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("an alert is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "alert_id" -> a.alertId = text(p, name);
                    case "dedup_key" -> a.dedupKey = text(p, name);
                    case "status" -> a.status = text(p, name);
                    case "customer_id" -> a.customerId = text(p, name);
                    case "risk_score" -> a.riskScore = p.getDoubleValue();
                    case "severity" -> a.severity = text(p, name);
                    case "bad_experiences_in_window" -> a.badExperiencesInWindow = p.getIntValue();
                    case "detected_at" -> a.detectedAt = Timestamps.parse(text(p, name));
                    case "summary" -> a.summary = text(p, name);
                    case "priority" -> a.priority = text(p, name);
                    case "incident_id" -> a.incidentId = text(p, name);
                    case "timeline" -> a.timeline = timeline(p);
                    case "first_bad_experience", "trigger", "customer_value" -> readObject(p, name, a);
                    default -> p.skipChildren();
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("not an alert: " + e.getMessage(), e);
        }
        require(a.alertId, "alert_id");
        require(a.dedupKey, "dedup_key");
        require(a.customerId, "customer_id");
        require(a.summary, "summary");
        if (!"firing".equals(a.status) && !"escalated".equals(a.status)) {
            throw new IOException("an alert's status is firing or escalated");
        }
        if (!List.of("warning", "high", "critical").contains(a.severity)) {
            throw new IOException("an alert's severity is warning, high or critical");
        }
        if (!(a.riskScore >= 0 && a.riskScore <= 1)) {
            throw new IOException("an alert's risk_score is a number between 0 and 1");
        }
        if (a.priority != null && !List.of("P1", "P2", "P3").contains(a.priority)) {
            throw new IOException("an alert's priority is P1, P2 or P3");
        }
        return a;
    }

    private static TimelineEntry[] timeline(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IOException("timeline is not an array");
        }
        List<TimelineEntry> entries = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT || entries.size() >= MAX_IDS) {
                throw new IOException("timeline is not an array of at most " + MAX_IDS + " events");
            }
            TimelineEntry e = new TimelineEntry();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "ts" -> e.ts = Timestamps.parse(text(p, field));
                    case "stream" -> e.stream = text(p, field);
                    case "type" -> e.type = text(p, field);
                    case "page" -> e.page = text(p, field);
                    case "page_type" -> e.pageType = text(p, field);
                    case "screen" -> e.screen = text(p, field);
                    case "status" -> e.status = p.getIntValue();
                    case "rating" -> e.rating = p.getIntValue();
                    case "score" -> e.score = p.getIntValue();
                    default -> p.skipChildren();
                }
            }
            require(e.stream, "a stream for each timeline event");
            require(e.type, "a type for each timeline event");
            entries.add(e);
        }
        return entries.toArray(new TimelineEntry[0]);
    }

    private static void require(String value, String field) throws IOException {
        if (value == null || value.isBlank()) {
            throw new IOException("an alert needs " + field);
        }
    }

    private static String text(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new IOException(field + " is not a string");
        }
        String text = p.getText();
        if (text.length() > MAX_TEXT) {
            throw new IOException(field + " has " + text.length() + " characters, the limit is " + MAX_TEXT);
        }
        return text;
    }

    private static void readObject(JsonParser p, String object, Alert a) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException(object + " is not an object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            boolean first = object.equals("first_bad_experience");
            switch (object + "." + field) {
                case "first_bad_experience.kind" -> a.firstKind = text(p, field);
                case "first_bad_experience.touchpoint" -> a.firstTouchpoint = text(p, field);
                case "trigger.kind" -> a.triggerKind = text(p, field);
                case "first_bad_experience.ts", "trigger.ts" -> {
                    long ts = Timestamps.parse(text(p, field));
                    if (first) {
                        a.firstTs = ts;
                    } else {
                        a.triggerTs = ts;
                    }
                }
                case "first_bad_experience.event_ids", "trigger.event_ids" -> {
                    String[] ids = ids(p, field);
                    if (first) {
                        a.firstEventIds = ids;
                    } else {
                        a.triggerEventIds = ids;
                    }
                }
                case "first_bad_experience.topics" -> a.firstTopics = ids(p, field);
                case "customer_value.purchases" -> a.purchases = p.getLongValue();
                case "customer_value.total" -> a.purchaseTotal = p.getDoubleValue();
                case "customer_value.tenure_days" -> a.tenureDays = p.getLongValue();
                default -> p.skipChildren();
            }
        }
    }

    private static String[] ids(JsonParser p, String field) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IOException(field + " is not an array");
        }
        List<String> ids = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == null || ids.size() >= MAX_IDS) {
                throw new IOException(field + " is not an array of at most " + MAX_IDS + " ids");
            }
            ids.add(text(p, field));
        }
        return ids.toArray(new String[0]);
    }
}
