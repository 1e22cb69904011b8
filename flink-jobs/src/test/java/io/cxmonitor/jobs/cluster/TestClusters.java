package io.cxmonitor.jobs.cluster;

import io.cxmonitor.localstack.FlinkCluster;
import io.cxmonitor.localstack.Paths;
import io.cxmonitor.localstack.Ports;
import java.nio.file.Path;
import java.util.Map;

/** Standalone Flink clusters for integration tests, from the Flink jars on the test classpath. */
final class TestClusters {

    private TestClusters() {}

    static FlinkCluster start(Path dir, int taskManagers, Map<String, String> settings) throws Exception {
        String testClasspath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return FlinkCluster.start(dir, FlinkCluster.flinkClasspath(testClasspath), Ports.free(), taskManagers, settings);
    }

    /** The shaded job jar that {@code mvn package} built, as a data engineer submits it. */
    static Path jobJar() {
        return Paths.jobJar(Path.of("target")).orElseThrow(() -> new IllegalStateException(
                "no job jar in target: the integration tests run after mvn package"));
    }
}
