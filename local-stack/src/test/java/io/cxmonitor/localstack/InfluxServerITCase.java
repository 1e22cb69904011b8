package io.cxmonitor.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InfluxServerITCase {

    @Test
    void startsAnswersQueriesAndLeavesNoProcessBehind() {
        ProcessHandle influxd;
        try (InfluxServer server = InfluxServer.launch()) {
            assertThat(server.ping()).isTrue();
            server.createDatabase("probe");
            assertThat(server.query("probe", "SHOW DATABASES")).contains("probe");
            influxd = server.influxdProcess().orElseThrow();
            assertThat(influxd.isAlive()).isTrue();
        }
        assertThat(influxd.isAlive()).isFalse();
    }

    @Test
    void restartsOnTheSameDataAfterAnOutage() {
        try (InfluxServer server = InfluxServer.launch()) {
            server.createDatabase("outage");
            server.stop();
            assertThat(server.ping()).isFalse();
            assertThat(server.isRunning()).isFalse();
            server.start();
            assertThat(server.query("outage", "SHOW DATABASES")).contains("outage");
        }
    }

    @Test
    void influxdDiesWithAJvmThatIsKilled() throws Exception {
        // A child JVM starts influxd and is then killed with SIGKILL: no shutdown hook runs,
        // only the watchdog can stop influxd.
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StartInfluxAndWait.class.getName())
                .redirectErrorStream(true)
                .start();
        ProcessHandle influxd;
        try {
            var output = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream()));
            String pid = output.lines()
                    .filter(l -> l.startsWith("influxd-pid="))
                    .findFirst().orElseThrow().substring("influxd-pid=".length()).trim();
            influxd = ProcessHandle.of(Long.parseLong(pid)).orElseThrow();
            assertThat(influxd.isAlive()).isTrue();
        } finally {
            child.destroyForcibly().waitFor();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (influxd.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(influxd.isAlive()).as("influxd outlived its killed JVM").isFalse();
    }

    /** Run in a child JVM by {@link #influxdDiesWithAJvmThatIsKilled()}. */
    public static final class StartInfluxAndWait {
        public static void main(String[] args) throws Exception {
            InfluxServer server = InfluxServer.launch();
            System.out.println("influxd-pid=" + server.influxdProcess().orElseThrow().pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
