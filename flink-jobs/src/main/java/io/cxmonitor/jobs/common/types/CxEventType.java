package io.cxmonitor.jobs.common.types;

import io.cxmonitor.events.CxEvent;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.util.OutputTag;

/**
 * The type of streams of {@link CxEvent}, serialized by {@link CxEventSerializer}. Streams name it
 * explicitly ({@code returns}, {@link #tag}) rather than through a type factory on the class, so that
 * state that holds events keeps the POJO serializer its savepoints were written with.
 */
public final class CxEventType extends TypeInformation<CxEvent> {

    public static final CxEventType INSTANCE = new CxEventType();

    private CxEventType() {}

    /** A side output of events. */
    public static OutputTag<CxEvent> tag(String id) {
        return new OutputTag<>(id, INSTANCE);
    }

    @Override
    public TypeSerializer<CxEvent> createSerializer(SerializerConfig config) {
        return new CxEventSerializer();
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<CxEvent> getTypeClass() {
        return CxEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public String toString() {
        return "CxEvent";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CxEventType;
    }

    @Override
    public int hashCode() {
        return CxEventType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof CxEventType;
    }
}
