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
    /** Reasons quote little of the input; this bound holds whatever the cause says. */
    public static final int MAX_ERROR_CHARS = 1000;
    /**
     * A letter's JSON stays below Kafka's default record limit (1 MiB) with room for the key and
     * headers: 64 KiB of payload escaped as JSON is at most 384 KiB.
     */
    public static final int MAX_LETTER_BYTES = 1_000_000;

    private static final JsonFactory JSON = new JsonFactory();

    /** The stream the source topic carries; {@code null} for other topics. */
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
        DeadLetter d = of(topic, partition, offset, recordTimestamp, payload, cause.reason(), cause.getMessage(),
                receivedAt);
        d.stream = stream;
        return d;
    }

    /** A dead letter of a topic that carries no input stream, such as the alert topic. */
    public static DeadLetter of(String topic, int partition, long offset, long recordTimestamp, byte[] payload,
            DeadLetterReason reason, String cause, long receivedAt) {
        DeadLetter d = new DeadLetter();
        d.sourceTopic = topic;
        d.partition = partition;
        d.offset = offset;
        d.recordTimestamp = recordTimestamp;
        d.reason = reason;
        String error = String.valueOf(cause);
        d.error = error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS) + "...";
        d.payload = payload == null ? "" : new String(payload, 0, utf8Prefix(payload, MAX_PAYLOAD_BYTES),
                StandardCharsets.UTF_8);
        d.receivedAt = receivedAt;
        return d;
    }

    /**
     * {@code {source_topic, partition, offset, reason, error, payload, received_at}}; should that
     * ever exceed {@link #MAX_LETTER_BYTES}, the minimal letter without payload instead, so that
     * the letter itself can always be sent.
     */
    public byte[] toJson() {
        byte[] full = json(true);
        return full.length <= MAX_LETTER_BYTES ? full : json(false);
    }

    private byte[] json(boolean whole) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(whole ? payload.length() + 256 : 256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("source_topic", sourceTopic);
            g.writeNumberField("partition", partition);
            g.writeNumberField("offset", offset);
            g.writeStringField("reason", reason.id());
            if (whole) {
                g.writeStringField("error", error);
                g.writeStringField("payload", payload);
            }
            g.writeStringField("received_at", Timestamps.format(receivedAt));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The length of the longest prefix of at most {@code max} bytes that ends on a whole UTF-8 character. */
    static int utf8Prefix(byte[] bytes, int max) {
        if (bytes.length <= max) {
            return bytes.length;
        }
        int end = max;
        while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
            end--; // bytes[end] continues a character that started before it
        }
        return end;
    }

    @Override
    public String toString() {
        return sourceTopic + "-" + partition + "@" + offset + " " + reason.id() + ": " + error;
    }
}
