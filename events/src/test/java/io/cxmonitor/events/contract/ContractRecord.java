package io.cxmonitor.events.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cxmonitor.events.Stream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One hand-written-style record of SPEC section 2: the stream it is sent to and its JSON fields in
 * order. Values are strings, numbers, {@code null}, {@link Raw} JSON text, or nested maps.
 */
public record ContractRecord(Stream stream, Map<String, Object> fields) {

    /** JSON written verbatim, e.g. a number Java cannot hold ({@code 1e400}) or a nested value. */
    public record Raw(String json) {}

    private static final JsonFactory JSON = new JsonFactory();

    public ContractRecord {
        fields = new LinkedHashMap<>(fields);
    }

    public String type() {
        return (String) fields.get("type");
    }

    public String eventId() {
        return (String) fields.get("event_id");
    }

    /** A copy with one field set (or removed, for {@code null} given as {@link #without}). */
    public ContractRecord with(String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.put(field, value);
        return new ContractRecord(stream, copy);
    }

    public ContractRecord without(String field) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.remove(field);
        return new ContractRecord(stream, copy);
    }

    public byte[] json() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, fields);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, Map<String, Object> object) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> f : object.entrySet()) {
            g.writeFieldName(f.getKey());
            writeValue(g, f.getValue());
        }
        g.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Raw r) {
            g.writeRawValue(r.json());
        } else if (v instanceof Map<?, ?> m) {
            write(g, (Map<String, Object>) m);
        } else {
            throw new IllegalArgumentException("cannot write " + v.getClass());
        }
    }

    @Override
    public String toString() {
        String text = new String(json(), java.nio.charset.StandardCharsets.UTF_8);
        return stream.id() + " " + (text.length() > 600 ? text.substring(0, 600) + "..." : text);
    }
}
