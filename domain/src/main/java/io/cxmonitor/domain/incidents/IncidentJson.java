package io.cxmonitor.domain.incidents;

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

/** The JSON of {@code cx.incidents} (SPEC 6). */
public final class IncidentJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_BYTES = 256 * 1024;
    private static final int MAX_TEXT = 4096;

    private IncidentJson() {}

    public static byte[] write(Incident i) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("incident_id", i.incidentId);
            g.writeStringField("dedup_key", i.dedupKey);
            g.writeStringField("status", i.status);
            g.writeObjectFieldStart("group");
            g.writeStringField("kind", i.group.kind());
            g.writeStringField("touchpoint", i.group.touchpoint());
            g.writeStringField(placeField(i.group), i.group.place());
            g.writeStringField("platform", i.group.platform());
            g.writeStringField("app_version", i.group.appVersion());
            g.writeEndObject();
            g.writeNumberField("customers_affected", i.customersAffected);
            g.writeNumberField("value_at_risk", i.valueAtRisk);
            g.writeArrayFieldStart("top_customers");
            for (AffectedCustomer c : i.topCustomers) {
                g.writeStartObject();
                g.writeStringField("customer_id", c.customerId);
                g.writeNumberField("value", c.value);
                if (c.eventId != null) {
                    g.writeStringField("event_id", c.eventId);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("first_seen", Timestamps.format(i.firstSeen));
            g.writeStringField("last_seen", Timestamps.format(i.lastSeen));
            g.writeStringField("changed_at", Timestamps.format(i.changedAt));
            g.writeStringField("detected_at", Timestamps.format(i.detectedAt));
            g.writeStringField("summary", i.summary);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads what {@link #write} wrote; unknown fields are skipped. Whatever else is refused with an
     * {@link IOException} that says why.
     */
    public static Incident read(byte[] json) throws IOException {
        if (json == null || json.length > MAX_BYTES) {
            throw new IOException("an incident is a JSON object of at most " + MAX_BYTES + " bytes");
        }
        Incident i = new Incident();
        i.changedAt = Long.MIN_VALUE;
        String[] group = new String[5];
        List<AffectedCustomer> top = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("an incident is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "incident_id" -> i.incidentId = text(p, name);
                    case "dedup_key" -> i.dedupKey = text(p, name);
                    case "status" -> i.status = text(p, name);
                    case "group" -> readGroup(p, group);
                    case "customers_affected" -> i.customersAffected = p.getLongValue();
                    case "value_at_risk" -> i.valueAtRisk = p.getDoubleValue();
                    case "top_customers" -> readTop(p, top);
                    case "first_seen" -> i.firstSeen = Timestamps.parse(text(p, name));
                    case "last_seen" -> i.lastSeen = Timestamps.parse(text(p, name));
                    case "changed_at" -> i.changedAt = Timestamps.parse(text(p, name));
                    case "detected_at" -> i.detectedAt = Timestamps.parse(text(p, name));
                    case "summary" -> i.summary = text(p, name);
                    default -> p.skipChildren();
                }
            }
        } catch (RuntimeException e) {
            throw new IOException("not an incident: " + e.getMessage(), e);
        }
        if (i.incidentId == null || i.dedupKey == null || i.summary == null || group[0] == null) {
            throw new IOException("an incident needs incident_id, dedup_key, group and summary");
        }
        if (!List.of("firing", "updated", "resolved").contains(i.status)) {
            throw new IOException("an incident's status is firing, updated or resolved");
        }
        if (i.changedAt == Long.MIN_VALUE) {
            i.changedAt = i.lastSeen; // written before incidents said when they changed
        }
        i.group = new IncidentGroup(group[0], orEmpty(group[1]), orEmpty(group[2]), orEmpty(group[3]), orEmpty(group[4]));
        i.topCustomers = top.toArray(new AffectedCustomer[0]);
        return i;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /**
     * The name of the group's place, as SPEC 6 names the key's fields: {@code page_type} on the
     * web, {@code screen} in the app; an anomaly's, or another touchpoint's, is its {@code place}.
     */
    static String placeField(IncidentGroup group) {
        if (group.isAnomaly()) {
            return "place";
        }
        return switch (group.touchpoint()) {
            case "web" -> "page_type";
            case "app" -> "screen";
            default -> "place";
        };
    }

    private static void readGroup(JsonParser p, String[] group) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new IOException("group is not an object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            // "place" was the web's and app's name for it before page_type and screen
            int at = List.of("kind", "touchpoint", "place", "platform", "app_version", "page_type", "screen").indexOf(field);
            at = at > 4 ? 2 : at;
            if (at < 0) {
                p.skipChildren();
            } else {
                group[at] = text(p, field);
            }
        }
    }

    private static void readTop(JsonParser p, List<AffectedCustomer> top) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IOException("top_customers is not an array");
        }
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT || top.size() >= Incidents.TOP) {
                throw new IOException("top_customers is not an array of at most " + Incidents.TOP + " objects");
            }
            AffectedCustomer c = new AffectedCustomer();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "customer_id" -> c.customerId = text(p, field);
                    case "value" -> c.value = p.getDoubleValue();
                    case "event_id" -> c.eventId = text(p, field);
                    default -> p.skipChildren();
                }
            }
            top.add(c);
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
}
