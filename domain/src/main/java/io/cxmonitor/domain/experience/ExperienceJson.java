package io.cxmonitor.domain.experience;

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

/**
 * The JSON of {@code cx.experiences} (SPEC 3.5):
 * {@code {"customer_id","kind","severity","touchpoint","ts","evidence":{"event_ids":[...]}}}.
 */
public final class ExperienceJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ExperienceJson() {}

    public static byte[] write(BadExperience b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("customer_id", b.customerId);
            g.writeStringField("kind", b.kind.id());
            g.writeNumberField("severity", Math.round(b.severity * 1000) / 1000.0);
            g.writeStringField("touchpoint", b.touchpoint);
            g.writeStringField("ts", Timestamps.format(b.ts));
            g.writeObjectFieldStart("evidence");
            g.writeArrayFieldStart("event_ids");
            for (String id : b.eventIds) {
                g.writeString(id);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Reads what {@link #write} wrote; unknown fields are skipped. */
    public static BadExperience read(byte[] json) throws IOException {
        BadExperience b = new BadExperience();
        List<String> ids = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a bad experience is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "customer_id" -> b.customerId = p.getText();
                    case "kind" -> b.kind = BadExperienceKind.fromId(p.getText());
                    case "severity" -> b.severity = p.getDoubleValue();
                    case "touchpoint" -> b.touchpoint = p.getText();
                    case "ts" -> b.ts = Timestamps.parse(p.getText());
                    case "evidence" -> {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String field = p.currentName();
                            p.nextToken();
                            if (field.equals("event_ids")) {
                                while (p.nextToken() != JsonToken.END_ARRAY) {
                                    ids.add(p.getText());
                                }
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IOException("not a bad experience: " + e.getMessage(), e);
        }
        if (b.customerId == null || b.kind == null) {
            throw new IOException("a bad experience needs customer_id and kind");
        }
        b.eventIds = ids.toArray(new String[0]);
        return b;
    }
}
