package io.cxmonitor.domain.experiences;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cxmonitor.events.EventLimits;
import io.cxmonitor.events.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON of {@code cx.experiences} (SPEC 3.5):
 * {@code {"experience_id","customer_id","kind","severity","touchpoint","ts","evidence":{"event_ids":[...]}}}.
 * A record without {@code experience_id} (written by another tool) gets the one its content gives.
 */
public final class ExperienceJson {

    private static final JsonFactory JSON = new JsonFactory();
    /** Evidence beyond this many event ids is not evidence but noise. */
    static final int MAX_EVIDENCE = 100;

    private ExperienceJson() {}

    public static byte[] write(BadExperience b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("experience_id", b.experienceId);
            g.writeStringField("customer_id", b.customerId);
            g.writeStringField("kind", b.kind.id());
            g.writeNumberField("severity", Math.round(b.severity * 1000) / 1000.0);
            g.writeStringField("touchpoint", b.touchpoint);
            g.writeStringField("ts", Timestamps.format(b.ts));
            optional(g, "place", b.place);
            optional(g, "platform", b.platform);
            optional(g, "app_version", b.appVersion);
            if (b.cartValue > 0) {
                g.writeNumberField("cart_value", b.cartValue);
            }
            if (b.topics.length > 0) {
                g.writeArrayFieldStart("topics");
                for (String topic : b.topics) {
                    g.writeString(topic);
                }
                g.writeEndArray();
            }
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

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }

    /**
     * Reads what {@link #write} wrote; unknown fields are skipped. Anything else, from whoever wrote
     * it, is refused with an {@link IOException}: no customer, an unknown kind, an id beyond the
     * limit, a severity that is not a number in [0, 1].
     */
    public static BadExperience read(byte[] json, EventLimits limits) throws IOException {
        if (json == null || json.length > limits.maxBytes()) {
            throw new IOException("a bad experience is a JSON object of at most " + limits.maxBytes() + " bytes");
        }
        BadExperience b = new BadExperience();
        b.severity = Double.NaN;
        List<String> ids = new ArrayList<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a bad experience is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "experience_id" -> b.experienceId = id(p, limits);
                    case "customer_id" -> b.customerId = id(p, limits);
                    case "kind" -> b.kind = BadExperienceKind.fromId(p.getText());
                    case "severity" -> b.severity = p.getDoubleValue();
                    case "touchpoint" -> b.touchpoint = p.getText();
                    case "ts" -> b.ts = Timestamps.parse(p.getText());
                    case "evidence" -> readEvidence(p, ids, limits);
                    case "place" -> b.place = id(p, limits);
                    case "platform" -> b.platform = id(p, limits);
                    case "app_version" -> b.appVersion = id(p, limits);
                    case "cart_value" -> b.cartValue = p.getDoubleValue();
                    case "topics" -> b.topics = topics(p);
                    default -> p.skipChildren();
                }
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IOException("not a bad experience: " + e.getMessage(), e);
        }
        if (b.customerId == null || b.kind == null) {
            throw new IOException("a bad experience needs customer_id and kind");
        }
        if (!(b.severity >= 0 && b.severity <= 1)) {
            throw new IOException("a bad experience needs a severity between 0 and 1");
        }
        if (!(b.cartValue >= 0 && b.cartValue <= io.cxmonitor.domain.journeys.SessionAnalyzer.MAX_CART)) {
            throw new IOException("a bad experience's cart_value is a number from 0");
        }
        b.eventIds = ids.toArray(new String[0]);
        if (b.experienceId == null) {
            b.experienceId = BadExperience.idOf(b.customerId, b.kind, b.ts, b.eventIds);
        }
        return b;
    }

    /** Topic names as the taxonomy allows them, at most {@value #MAX_TOPICS}. */
    private static String[] topics(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IOException("a bad experience's topics are an array of topic names");
        }
        List<String> topics = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String topic = p.currentToken() == JsonToken.VALUE_STRING ? p.getText() : "";
            if (!TOPIC.matcher(topic).matches() || topics.size() == MAX_TOPICS) {
                throw new IOException("a bad experience's topics are at most " + MAX_TOPICS + " names of lower-case "
                        + "letters, digits and underscores");
            }
            topics.add(topic);
        }
        return topics.toArray(new String[0]);
    }

    private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final int MAX_TOPICS = 16;

    private static void readEvidence(JsonParser p, List<String> ids, EventLimits limits) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (!field.equals("event_ids")) {
                p.skipChildren();
                continue;
            }
            if (value != JsonToken.START_ARRAY) {
                throw new IOException("event_ids is not an array");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null || ids.size() >= MAX_EVIDENCE) {
                    throw new IOException("event_ids is not an array of at most " + MAX_EVIDENCE + " ids");
                }
                String id = id(p, limits);
                if (id != null) {
                    ids.add(id);
                }
            }
        }
    }

    private static String id(JsonParser p, EventLimits limits) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new IOException("ids are strings");
        }
        String id = p.getText();
        if (!limits.fitsIdLimit(id)) {
            throw new IOException("an id has " + EventLimits.idLength(id) + " characters, the limit is " + limits.maxIdLength());
        }
        return id.isBlank() ? null : id;
    }
}
