package io.cxmonitor.jobs.common.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventReader;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import io.cxmonitor.events.contract.ContractArbitraries;
import io.cxmonitor.events.contract.ContractRecord;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class CxEventSerializerTest {

    private static final CxEventSerializer SERIALIZER = new CxEventSerializer();

    @Test
    void everyFieldOfTheEventCrossesAlone() throws Exception {
        for (Field f : fields()) {
            CxEvent e = new CxEvent();
            f.set(e, sample(f, 0));
            assertSameFields(roundTrip(e), e);
            assertSameFields(SERIALIZER.copy(e), e);
        }
    }

    @Test
    void everyFieldAtOnceAndNoneAtAll() throws Exception {
        CxEvent full = new CxEvent();
        int k = 0;
        for (Field f : fields()) {
            f.set(full, sample(f, k++));
        }
        assertSameFields(roundTrip(full), full);
        assertSameFields(SERIALIZER.copy(full), full);
        assertSameFields(roundTrip(new CxEvent()), new CxEvent());
    }

    @Test
    void aLongTextAndOtherAlphabetsCross() throws Exception {
        CxEvent e = new CxEvent(Stream.REVIEWS, EventType.values()[EventType.values().length - 1], "ü-1", -1);
        e.text = "Größe passt nicht 😞 ".repeat(40_000); // beyond the 64 KB of writeUTF
        e.rating = Integer.MIN_VALUE;
        e.value = Double.NaN;
        assertSameFields(roundTrip(e), e);
    }

    @Test
    void recordsFollowOneAnotherInOneBuffer() throws Exception {
        CxEvent a = new CxEvent(Stream.APP, EventType.values()[0], "a", 1);
        a.latencyMs = 3.5;
        CxEvent b = new CxEvent(Stream.SUPPORT, EventType.values()[1], "b", 2);
        b.text = "hello";
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(a, out);
        SERIALIZER.serialize(b, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertSameFields(SERIALIZER.deserialize(in), a);
        assertSameFields(SERIALIZER.deserialize(in), b);
        assertThat(in.available()).isZero();
    }

    @Property(tries = 300)
    void everyValidRecordCrossesUnchanged(@ForAll("records") ContractRecord record) throws Exception {
        CxEvent e = new EventReader().read(record.stream(), record.json());
        assertSameFields(roundTrip(e), e);
    }

    @Provide
    Arbitrary<ContractRecord> records() {
        return ContractArbitraries.validRecords(System.currentTimeMillis());
    }

    @Test
    void theSnapshotRestoresTheSameSerializer() throws Exception {
        TypeSerializerSnapshot<CxEvent> snapshot = SERIALIZER.snapshotConfiguration();
        assertThat(snapshot.restoreSerializer()).isInstanceOf(CxEventSerializer.class).isEqualTo(SERIALIZER);
        assertThat(snapshot).isInstanceOf(CxEventSerializer.Snapshot.class);
        assertThat(CxEventSerializer.Snapshot.class.getConstructor()).isNotNull(); // restored by reflection
    }

    @Test
    void eachThreadGetsAnInstanceOfItsOwn() {
        assertThat(SERIALIZER.duplicate()).isNotSameAs(SERIALIZER).isEqualTo(SERIALIZER); // it reads through a buffer
    }

    private static CxEvent roundTrip(CxEvent e) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(e, out);
        CxEvent back = SERIALIZER.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        DataOutputSerializer copied = new DataOutputSerializer(64);
        SERIALIZER.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
        return back;
    }

    /** Compares field by field, by reflection, so a field added to the event and not here fails. */
    private static void assertSameFields(CxEvent actual, CxEvent expected) throws Exception {
        assertThat(actual).isNotSameAs(expected);
        for (Field f : fields()) {
            assertThat(f.get(actual)).as(f.getName()).isEqualTo(f.get(expected));
        }
    }

    private static List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (Field f : CxEvent.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.add(f);
            }
        }
        assertThat(fields).hasSizeGreaterThan(35);
        return fields;
    }

    private static Object sample(Field f, int k) {
        Class<?> t = f.getType();
        if (t == String.class) {
            return f.getName() + "-" + k;
        } else if (t == Double.class) {
            return k + 0.25;
        } else if (t == Integer.class) {
            return -k - 7;
        } else if (t == long.class) {
            return 1_700_000_000_000L + k;
        } else if (t == Stream.class) {
            return Stream.SUPPORT;
        } else if (t == EventType.class) {
            return EventType.values()[EventType.values().length - 1];
        }
        throw new AssertionError("a field of a type the test does not know: " + f);
    }
}
