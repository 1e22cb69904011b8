package io.cxmonitor.jobs.common.types;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.common.config.CxConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;

/** Every stream of events in cx-signals crosses between tasks with {@link CxEventSerializer}. */
class EventStreamTypesTest {

    @Test
    void noStreamOfEventsFallsBackToThePojoSerializer() {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "file:///tmp/cxmon-test-checkpoints");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        SignalsJob.define(env, CxConfig.load(Map.of(), Map.of(), Map.of()));
        StreamGraph graph = env.getStreamGraph();

        List<String> ofEvents = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            List<TypeSerializer<?>> serializers = new ArrayList<>(List.of(node.getTypeSerializersIn()));
            serializers.add(node.getTypeSerializerOut());
            for (TypeSerializer<?> s : serializers) {
                if (s != null && createsEvents(s)) {
                    assertThat(s).as(node.getOperatorName()).isInstanceOf(CxEventSerializer.class);
                    ofEvents.add(node.getOperatorName());
                }
            }
        }
        assertThat(ofEvents).as("operators that take or give events").hasSizeGreaterThan(5);
    }

    private static boolean createsEvents(TypeSerializer<?> serializer) {
        try {
            return serializer.createInstance() instanceof CxEvent;
        } catch (RuntimeException e) {
            return false; // a serializer of an abstract type or with nothing to create
        }
    }
}
