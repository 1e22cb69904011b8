package io.cxmonitor.jobs.common.types;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes a {@link CxEvent} between tasks: one 64-bit mask of the fields present, then only those,
 * enums as their ordinal. Flink's POJO serializer sets and reads the 40 fields by reflection and
 * writes a flag for each, though most are null in any one event. Every event crosses between
 * tasks at least twice; {@code ./cxmon bench serializer} measures both.
 *
 * <p>For records in flight only, never for state: a savepoint keeps what the POJO serializer
 * wrote, and this format changes whenever a field is added. Every field is immutable (strings,
 * boxed numbers, enums), so a copy is shallow. {@code CxEventSerializerTest} fails when a field of
 * {@link CxEvent} is left out here.
 */
public final class CxEventSerializer extends TypeSerializerSingleton<CxEvent> {

    public static final CxEventSerializer INSTANCE = new CxEventSerializer();

    private static final Stream[] STREAMS = Stream.values();
    private static final EventType[] TYPES = EventType.values();
    private static final int STRINGS = 25;
    private static final int DOUBLES = 7;
    private static final int INTEGERS = 4;

    private CxEventSerializer() {}

    private static String[] strings(CxEvent e) {
        return new String[] {e.eventId, e.customerId, e.anonymousId, e.sessionId, e.page, e.pageType, e.element,
            e.message, e.url, e.metric, e.field, e.platform, e.appVersion, e.screen, e.endpoint, e.productId,
            e.orderId, e.reviewId, e.title, e.source, e.ticketId, e.channel, e.subject, e.author, e.text};
    }

    private static Double[] doubles(CxEvent e) {
        return new Double[] {e.x, e.y, e.value, e.latencyMs, e.coldStartMs, e.price, e.cartValue};
    }

    private static Integer[] integers(CxEvent e) {
        return new Integer[] {e.status, e.quantity, e.rating, e.score};
    }

    /** Sets the fields of {@code e} in the order of {@link #strings}, {@link #doubles} and {@link #integers}. */
    private static CxEvent assign(CxEvent e, String[] s, Double[] d, Integer[] i) {
        e.eventId = s[0];
        e.customerId = s[1];
        e.anonymousId = s[2];
        e.sessionId = s[3];
        e.page = s[4];
        e.pageType = s[5];
        e.element = s[6];
        e.message = s[7];
        e.url = s[8];
        e.metric = s[9];
        e.field = s[10];
        e.platform = s[11];
        e.appVersion = s[12];
        e.screen = s[13];
        e.endpoint = s[14];
        e.productId = s[15];
        e.orderId = s[16];
        e.reviewId = s[17];
        e.title = s[18];
        e.source = s[19];
        e.ticketId = s[20];
        e.channel = s[21];
        e.subject = s[22];
        e.author = s[23];
        e.text = s[24];
        e.x = d[0];
        e.y = d[1];
        e.value = d[2];
        e.latencyMs = d[3];
        e.coldStartMs = d[4];
        e.price = d[5];
        e.cartValue = d[6];
        e.status = i[0];
        e.quantity = i[1];
        e.rating = i[2];
        e.score = i[3];
        return e;
    }

    @Override
    public void serialize(CxEvent e, DataOutputView out) throws IOException {
        String[] s = strings(e);
        Double[] d = doubles(e);
        Integer[] n = integers(e);
        long present = (e.stream != null ? 1L : 0L) | (e.type != null ? 2L : 0L);
        int bit = 2;
        for (String v : s) {
            present |= v != null ? 1L << bit : 0L;
            bit++;
        }
        for (Double v : d) {
            present |= v != null ? 1L << bit : 0L;
            bit++;
        }
        for (Integer v : n) {
            present |= v != null ? 1L << bit : 0L;
            bit++;
        }
        out.writeLong(present);
        out.writeLong(e.ts);
        if (e.stream != null) {
            out.writeByte(e.stream.ordinal());
        }
        if (e.type != null) {
            out.writeByte(e.type.ordinal());
        }
        for (String v : s) {
            if (v != null) {
                StringValue.writeString(v, out);
            }
        }
        for (Double v : d) {
            if (v != null) {
                out.writeDouble(v);
            }
        }
        for (Integer v : n) {
            if (v != null) {
                out.writeInt(v);
            }
        }
    }

    @Override
    public CxEvent deserialize(DataInputView in) throws IOException {
        long present = in.readLong();
        CxEvent e = new CxEvent();
        e.ts = in.readLong();
        e.stream = (present & 1L) != 0 ? STREAMS[in.readUnsignedByte()] : null;
        e.type = (present & 2L) != 0 ? TYPES[in.readUnsignedByte()] : null;
        int bit = 2;
        String[] s = new String[STRINGS];
        for (int k = 0; k < STRINGS; k++, bit++) {
            s[k] = (present & 1L << bit) != 0 ? StringValue.readString(in) : null;
        }
        Double[] d = new Double[DOUBLES];
        for (int k = 0; k < DOUBLES; k++, bit++) {
            d[k] = (present & 1L << bit) != 0 ? in.readDouble() : null;
        }
        Integer[] n = new Integer[INTEGERS];
        for (int k = 0; k < INTEGERS; k++, bit++) {
            n[k] = (present & 1L << bit) != 0 ? in.readInt() : null;
        }
        return assign(e, s, d, n);
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
    public CxEvent copy(CxEvent from) {
        CxEvent e = new CxEvent(from.stream, from.type, from.eventId, from.ts);
        return assign(e, strings(from), doubles(from), integers(from));
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
    public int getLength() {
        return -1;
    }

    @Override
    public TypeSerializerSnapshot<CxEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Restores the serializer by name; the format has one version so far. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<CxEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
