package io.cxmonitor.benchmarks;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.generator.Generated;
import io.cxmonitor.generator.TrafficSettings;
import io.cxmonitor.generator.TrafficSimulator;
import io.cxmonitor.jobs.common.types.CxEventSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH: events written and read back per second on one thread, as each crosses from one task to
 * the next, by Flink's POJO serializer and by {@link CxEventSerializer}, over the generator's mix
 * of the four streams.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventSerialization {

    private static final int EVENTS = 4096;

    private CxEvent[] events;
    private TypeSerializer<CxEvent> pojo;
    private final TypeSerializer<CxEvent> handWritten = new CxEventSerializer();
    private final DataOutputSerializer out = new DataOutputSerializer(4096);
    private final DataInputDeserializer in = new DataInputDeserializer();
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        TrafficSimulator simulator = new TrafficSimulator(new TrafficSettings().seed(1).rate(200).customers(10_000),
                1_795_424_400_000L);
        List<CxEvent> sample = new ArrayList<>();
        while (sample.size() < EVENTS) {
            Generated g = simulator.next();
            if (g.event != null) {
                sample.add(g.event);
            }
        }
        events = sample.toArray(new CxEvent[0]);
        pojo = TypeInformation.of(CxEvent.class).createSerializer(new SerializerConfigImpl());
    }

    @Benchmark
    public CxEvent pojoSerializer() throws IOException {
        return roundTrip(pojo);
    }

    @Benchmark
    public CxEvent handWritten() throws IOException {
        return roundTrip(handWritten);
    }

    private CxEvent roundTrip(TypeSerializer<CxEvent> serializer) throws IOException {
        next = (next + 1) & (EVENTS - 1);
        out.clear();
        serializer.serialize(events[next], out);
        in.setBuffer(out.getSharedBuffer(), 0, out.length());
        return serializer.deserialize(in);
    }
}
