package io.cxmonitor.generator;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes the ground truth as JSON lines: {@code {"type":"bad_experience","customer_id":...}}. */
public final class TruthWriter implements AutoCloseable {

    private final JsonGenerator json;

    public TruthWriter(Path file) {
        try {
            json = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8);
            json.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the truth file " + file, e);
        }
    }

    void write(TruthEntry entry) {
        try {
            json.writeStartObject();
            json.writeStringField("type", entry.type());
            for (Map.Entry<String, Object> field : entry.fields().entrySet()) {
                json.writeFieldName(field.getKey());
                Object value = field.getValue();
                if (value instanceof List<?> list) {
                    json.writeStartArray();
                    for (Object item : list) {
                        json.writeString(String.valueOf(item));
                    }
                    json.writeEndArray();
                } else if (value instanceof Long l) {
                    json.writeNumber(l);
                } else if (value instanceof Integer i) {
                    json.writeNumber(i);
                } else if (value instanceof Boolean b) {
                    json.writeBoolean(b);
                } else {
                    json.writeString(String.valueOf(value));
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void flush() {
        try {
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            json.writeRaw('\n');
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
