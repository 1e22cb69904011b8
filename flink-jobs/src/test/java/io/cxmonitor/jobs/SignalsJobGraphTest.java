package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.types.CxEventSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The graph cx-signals builds, before it runs: how records cross between tasks. */
class SignalsJobGraphTest {

    private StreamGraph graph;

    @BeforeEach
    void build() {
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "file:///tmp/cxmon-test-checkpoints");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        SignalsJob.define(env, CxConfig.load(Map.of(), Map.of(), Map.of()));
        graph = env.getStreamGraph();
    }

    @Test
    void noStreamOfEventsFallsBackToThePojoSerializer() {
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

    @Test
    void onlyTheWayToBadExperiencesFlushesItsBuffersEarly() {
        assertThat(timeoutOf("Sessions per device")).isEqualTo(SignalsJob.ALERT_PATH_BUFFER_TIMEOUT_MS);
        assertThat(timeoutOf("Score texts")).isEqualTo(SignalsJob.ALERT_PATH_BUFFER_TIMEOUT_MS);
        assertThat(timeoutOf("Drop repeated events")).isEqualTo(SignalsJob.ALERT_PATH_BUFFER_TIMEOUT_MS);
        assertThat(timeoutOf("Split off dead letters")).isEqualTo(SignalsJob.ALERT_PATH_BUFFER_TIMEOUT_MS);
        assertThat(timeoutOf("Apdex per minute")).as("a window of points: Flink's default").isEqualTo(100);
        assertThat(timeoutOf("Sentiment per minute")).isEqualTo(100);
    }

    private long timeoutOf(String operatorNamePrefix) {
        return graph.getStreamNodes().stream().filter(n -> n.getOperatorName().startsWith(operatorNamePrefix))
                .findFirst().orElseThrow(() -> new AssertionError("no operator " + operatorNamePrefix))
                .getBufferTimeout();
    }

    private static boolean createsEvents(TypeSerializer<?> serializer) {
        try {
            return serializer.createInstance() instanceof CxEvent;
        } catch (RuntimeException e) {
            return false; // a serializer of an abstract type or with nothing to create
        }
    }
}
