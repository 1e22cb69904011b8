package io.cxmonitor.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A record refused by {@link EventReader}, as published on the dead-letter topic (SPEC section 2):
 * where it came from, why it was refused, and the start of its payload so that it can be repaired
 * and replayed. A Flink POJO.
 */
public class DeadLetter {

    /** The dead-letter topic keeps the start of the payload, enough to diagnose and repair it. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    private static final JsonFactory JSON = new JsonFactory();

    /** The stream the source topic carries. */
    public Stream stream;
    public String sourceTopic;
    public int partition;
    public long offset;
    public DeadLetterReason reason;
    public String error;
    /** The first 64 KiB of the record, decoded as UTF-8. */
    public String payload;
    /** When the pipeline refused it, epoch milliseconds (wall clock). */
    public long receivedAt;
    /** The Kafka record timestamp, epoch milliseconds: the deterministic time dead letters are counted at. */
    public long recordTimestamp;

    public DeadLetter() {}

    public static DeadLetter of(Stream stream, String topic, int partition, long offset, long recordTimestamp,
            byte[] payload, InvalidEventException cause, long receivedAt) {
        DeadLetter d = new DeadLetter();
        d.stream = stream;
        d.sourceTopic = topic;
        d.partition = partition;
        d.offset = offset;
        d.recordTimestamp = recordTimestamp;
        d.reason = cause.reason();
        d.error = cause.getMessage();
        d.payload = payload == null ? "" : new String(payload, 0,
                Math.min(payload.length, MAX_PAYLOAD_BYTES), StandardCharsets.UTF_8);
        d.receivedAt = receivedAt;
        return d;
    }

    /** {@code {source_topic, partition, offset, reason, error, payload, received_at}}. */
    public byte[] toJson() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length() + 256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("source_topic", sourceTopic);
            g.writeNumberField("partition", partition);
            g.writeNumberField("offset", offset);
            g.writeStringField("reason", reason.id());
            g.writeStringField("error", error);
            g.writeStringField("payload", payload);
            g.writeStringField("received_at", Timestamps.format(receivedAt));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return sourceTopic + "-" + partition + "@" + offset + " " + reason.id() + ": " + error;
    }
}
