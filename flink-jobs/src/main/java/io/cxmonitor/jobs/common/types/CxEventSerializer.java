package io.cxmonitor.jobs.common.types;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link CxEvent} between tasks: one 64-bit mask of the fields present, then only those,
 * enums as their ordinal and text as UTF-8. Flink's POJO serializer sets and reads the 40 fields by
 * reflection and writes a flag for each, though most are null in any one event, and reads text
 * char by char. Every event crosses between tasks at least twice; {@code ./cxmon bench serializer}
 * measures both.
 *
 * <p>For records in flight only, never for state: a savepoint keeps what the POJO serializer
 * wrote, and this format changes whenever a field is added. Every field is immutable (strings,
 * boxed numbers, enums), so a copy is shallow. One instance per thread ({@link #duplicate}): it
 * reads text through a buffer of its own. {@code CxEventSerializerTest} fails when a field of
 * {@link CxEvent} is left out here.
 */
public final class CxEventSerializer extends TypeSerializer<CxEvent> {

    private static final Stream[] STREAMS = Stream.values();
    private static final EventType[] TYPES = EventType.values();

    private byte[] buffer = new byte[256];

    public CxEventSerializer() {}

    @Override
    public void serialize(CxEvent e, DataOutputView out) throws IOException {
        long present = bit(e.stream, 0) | bit(e.type, 1) | bit(e.eventId, 2) | bit(e.customerId, 3)
                | bit(e.anonymousId, 4) | bit(e.sessionId, 5) | bit(e.page, 6) | bit(e.pageType, 7)
                | bit(e.element, 8) | bit(e.message, 9) | bit(e.url, 10) | bit(e.metric, 11) | bit(e.field, 12)
                | bit(e.platform, 13) | bit(e.appVersion, 14) | bit(e.screen, 15) | bit(e.endpoint, 16)
                | bit(e.productId, 17) | bit(e.orderId, 18) | bit(e.reviewId, 19) | bit(e.title, 20)
                | bit(e.source, 21) | bit(e.ticketId, 22) | bit(e.channel, 23) | bit(e.subject, 24)
                | bit(e.author, 25) | bit(e.text, 26) | bit(e.x, 27) | bit(e.y, 28) | bit(e.value, 29)
                | bit(e.latencyMs, 30) | bit(e.coldStartMs, 31) | bit(e.price, 32) | bit(e.cartValue, 33)
                | bit(e.status, 34) | bit(e.quantity, 35) | bit(e.rating, 36) | bit(e.score, 37);
        out.writeLong(present);
        out.writeLong(e.ts);
        if (e.stream != null) {
            out.writeByte(e.stream.ordinal());
        }
        if (e.type != null) {
            out.writeByte(e.type.ordinal());
        }
        write(out, e.eventId);
        write(out, e.customerId);
        write(out, e.anonymousId);
        write(out, e.sessionId);
        write(out, e.page);
        write(out, e.pageType);
        write(out, e.element);
        write(out, e.message);
        write(out, e.url);
        write(out, e.metric);
        write(out, e.field);
        write(out, e.platform);
        write(out, e.appVersion);
        write(out, e.screen);
        write(out, e.endpoint);
        write(out, e.productId);
        write(out, e.orderId);
        write(out, e.reviewId);
        write(out, e.title);
        write(out, e.source);
        write(out, e.ticketId);
        write(out, e.channel);
        write(out, e.subject);
        write(out, e.author);
        write(out, e.text);
        write(out, e.x);
        write(out, e.y);
        write(out, e.value);
        write(out, e.latencyMs);
        write(out, e.coldStartMs);
        write(out, e.price);
        write(out, e.cartValue);
        write(out, e.status);
        write(out, e.quantity);
        write(out, e.rating);
        write(out, e.score);
    }

    @Override
    public CxEvent deserialize(DataInputView in) throws IOException {
        long p = in.readLong();
        CxEvent e = new CxEvent();
        e.ts = in.readLong();
        e.stream = has(p, 0) ? STREAMS[in.readUnsignedByte()] : null;
        e.type = has(p, 1) ? TYPES[in.readUnsignedByte()] : null;
        e.eventId = has(p, 2) ? readString(in) : null;
        e.customerId = has(p, 3) ? readString(in) : null;
        e.anonymousId = has(p, 4) ? readString(in) : null;
        e.sessionId = has(p, 5) ? readString(in) : null;
        e.page = has(p, 6) ? readString(in) : null;
        e.pageType = has(p, 7) ? readString(in) : null;
        e.element = has(p, 8) ? readString(in) : null;
        e.message = has(p, 9) ? readString(in) : null;
        e.url = has(p, 10) ? readString(in) : null;
        e.metric = has(p, 11) ? readString(in) : null;
        e.field = has(p, 12) ? readString(in) : null;
        e.platform = has(p, 13) ? readString(in) : null;
        e.appVersion = has(p, 14) ? readString(in) : null;
        e.screen = has(p, 15) ? readString(in) : null;
        e.endpoint = has(p, 16) ? readString(in) : null;
        e.productId = has(p, 17) ? readString(in) : null;
        e.orderId = has(p, 18) ? readString(in) : null;
        e.reviewId = has(p, 19) ? readString(in) : null;
        e.title = has(p, 20) ? readString(in) : null;
        e.source = has(p, 21) ? readString(in) : null;
        e.ticketId = has(p, 22) ? readString(in) : null;
        e.channel = has(p, 23) ? readString(in) : null;
        e.subject = has(p, 24) ? readString(in) : null;
        e.author = has(p, 25) ? readString(in) : null;
        e.text = has(p, 26) ? readString(in) : null;
        e.x = has(p, 27) ? in.readDouble() : null;
        e.y = has(p, 28) ? in.readDouble() : null;
        e.value = has(p, 29) ? in.readDouble() : null;
        e.latencyMs = has(p, 30) ? in.readDouble() : null;
        e.coldStartMs = has(p, 31) ? in.readDouble() : null;
        e.price = has(p, 32) ? in.readDouble() : null;
        e.cartValue = has(p, 33) ? in.readDouble() : null;
        e.status = has(p, 34) ? in.readInt() : null;
        e.quantity = has(p, 35) ? in.readInt() : null;
        e.rating = has(p, 36) ? in.readInt() : null;
        e.score = has(p, 37) ? in.readInt() : null;
        return e;
    }

    @Override
    public CxEvent copy(CxEvent from) {
        CxEvent e = new CxEvent(from.stream, from.type, from.eventId, from.ts);
        e.customerId = from.customerId;
        e.anonymousId = from.anonymousId;
        e.sessionId = from.sessionId;
        e.page = from.page;
        e.pageType = from.pageType;
        e.element = from.element;
        e.message = from.message;
        e.url = from.url;
        e.metric = from.metric;
        e.field = from.field;
        e.platform = from.platform;
        e.appVersion = from.appVersion;
        e.screen = from.screen;
        e.endpoint = from.endpoint;
        e.productId = from.productId;
        e.orderId = from.orderId;
        e.reviewId = from.reviewId;
        e.title = from.title;
        e.source = from.source;
        e.ticketId = from.ticketId;
        e.channel = from.channel;
        e.subject = from.subject;
        e.author = from.author;
        e.text = from.text;
        e.x = from.x;
        e.y = from.y;
        e.value = from.value;
        e.latencyMs = from.latencyMs;
        e.coldStartMs = from.coldStartMs;
        e.price = from.price;
        e.cartValue = from.cartValue;
        e.status = from.status;
        e.quantity = from.quantity;
        e.rating = from.rating;
        e.score = from.score;
        return e;
    }

    private static long bit(Object field, int bit) {
        return field != null ? 1L << bit : 0L;
    }

    private static boolean has(long present, int bit) {
        return (present & 1L << bit) != 0;
    }

    private static void write(DataOutputView out, String s) throws IOException {
        if (s != null) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            writeLength(out, utf8.length);
            out.write(utf8);
        }
    }

    /** Seven bits a byte, the lowest first: ids and names take one byte for their length. */
    private static void writeLength(DataOutputView out, int length) throws IOException {
        while (length >= 0x80) {
            out.writeByte(length & 0x7f | 0x80);
            length >>>= 7;
        }
        out.writeByte(length);
    }

    private static int readLength(DataInputView in) throws IOException {
        int length = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.readUnsignedByte();
            length |= (b & 0x7f) << shift;
            if (b < 0x80) {
                return length;
            }
        }
    }

    private static void write(DataOutputView out, Double d) throws IOException {
        if (d != null) {
            out.writeDouble(d);
        }
    }

    private static void write(DataOutputView out, Integer i) throws IOException {
        if (i != null) {
            out.writeInt(i);
        }
    }

    private String readString(DataInputView in) throws IOException {
        int length = readLength(in);
        if (length > buffer.length) {
            buffer = new byte[Math.max(length, 2 * buffer.length)];
        }
        in.readFully(buffer, 0, length);
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public CxEvent deserialize(CxEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public CxEvent copy(CxEvent from, CxEvent reuse) {
        return copy(from);
    }

    @Override
    public CxEvent createInstance() {
        return new CxEvent();
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<CxEvent> duplicate() {
        return new CxEventSerializer();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CxEventSerializer;
    }

    @Override
    public int hashCode() {
        return CxEventSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<CxEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer by name; the format has one version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<CxEvent> {
        public Snapshot() {
            super(CxEventSerializer::new);
        }
    }
}
