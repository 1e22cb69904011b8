package io.cxmonitor.domain.privacy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cxmonitor.events.EventLimits;
import io.cxmonitor.events.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The messages of {@code cx.privacy} (SPEC 8): requests {@code {"forget": "<customer_id>",
 * "request_id": "..."}} and each job's acknowledgement {@code {"acknowledged": "<request_id>",
 * "job": "cx-signals", "at": "<ISO-8601>"}}. An acknowledgement never names the customer.
 */
public final class PrivacyJson {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_BYTES = 64 * 1024;

    private PrivacyJson() {}

    /** A job's word that it has forgotten what a request asked. */
    public record Acknowledgement(String requestId, String job, long at) {}

    public static byte[] write(ForgetRequest request) {
        return object("forget", request.customerId, "request_id", request.requestId);
    }

    public static byte[] write(Acknowledgement ack) {
        return object("acknowledged", ack.requestId(), "job", ack.job(), "at", Timestamps.format(ack.at()));
    }

    /**
     * The request in {@code json}, or null when it is an acknowledgement. A request without
     * {@code request_id} is named {@code unnamed}: its acknowledgements are still written.
     *
     * @throws IOException when it is neither, or names no customer, or an id beyond the limit
     */
    public static ForgetRequest readRequest(byte[] json, EventLimits limits, String unnamed) throws IOException {
        Map<String, String> fields = read(json);
        if (fields.containsKey("acknowledged")) {
            return null;
        }
        String customer = fields.get("forget");
        if (customer == null || customer.isEmpty()) {
            throw new IOException("a privacy request is {\"forget\": \"<customer_id>\", \"request_id\": \"...\"}");
        }
        String requestId = fields.getOrDefault("request_id", "");
        if (!limits.fitsIdLimit(customer) || !limits.fitsIdLimit(requestId)) {
            throw new IOException("ids are at most " + limits.maxIdLength() + " characters");
        }
        return new ForgetRequest(customer, requestId.isEmpty() ? unnamed : requestId);
    }

    /** The acknowledgement in {@code json}, or null when it is something else. */
    public static Acknowledgement readAcknowledgement(byte[] json) {
        try {
            Map<String, String> fields = read(json);
            String id = fields.get("acknowledged");
            String at = fields.get("at");
            return id == null ? null : new Acknowledgement(id, fields.getOrDefault("job", "?"),
                    at == null ? 0 : Timestamps.parse(at));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The top-level text fields of a JSON object; other values are skipped. */
    private static Map<String, String> read(byte[] json) throws IOException {
        if (json == null || json.length > MAX_BYTES) {
            throw new IOException("a privacy message is a JSON object of at most " + MAX_BYTES + " bytes");
        }
        Map<String, String> fields = new HashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a privacy message is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() == JsonToken.VALUE_STRING) {
                    fields.put(name, p.getText());
                } else {
                    p.skipChildren();
                }
            }
        }
        return fields;
    }

    /** A JSON object of the text fields {@code nameThenValue}, in their order. */
    private static byte[] object(String... nameThenValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (int i = 0; i < nameThenValue.length; i += 2) {
                g.writeStringField(nameThenValue[i], nameThenValue[i + 1]);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
