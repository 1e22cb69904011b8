package io.cxmonitor.jobs.common.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.InfluxQueries;
import io.cxmonitor.localstack.InfluxServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * influxd is stopped for 20 s in the middle of a run. The job has no restart strategy, so it
 * survives only by backpressure: the sink keeps retrying its batch while the source waits. When
 * influxd is back the job catches up, and not one point is missing.
 */
class InfluxSinkOutageITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final long POINTS = 30_000;

    @Test
    void aTwentySecondOutageSlowsTheJobDownButLosesNothing() throws Exception {
        try (InfluxServer influx = InfluxServer.launch()) {
            Configuration conf = new Configuration();
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            env.enableCheckpointing(1_000);
            PointsJob.define(env, PointsJob.settings(influx.url(), "outage"), POINTS, 1_000, false);
            CompletableFuture<?> job = CompletableFuture.runAsync(() -> {
                try {
                    env.execute("sink through an outage");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            try (InfluxQueries queries = new InfluxQueries(influx.url(), "outage")) {
                Eventually.within(Duration.ofSeconds(60), () -> assertThat(
                        queries.number("SELECT count(\"value\") FROM sink_test", "count")).isGreaterThan(3_000));
            }
            influx.stop();
            Thread.sleep(20_000);
            assertThat(job).as("the job waits for InfluxDB instead of ending").isNotDone();
            influx.start();

            job.get(3, TimeUnit.MINUTES);
            try (InfluxQueries queries = new InfluxQueries(influx.url(), "outage")) {
                assertThat(queries.number("SELECT count(\"value\") FROM sink_test", "count")).isEqualTo(POINTS);
                assertThat(queries.number("SELECT sum(\"value\") FROM sink_test", "sum"))
                        .isEqualTo(POINTS * (POINTS - 1) / 2.0);
            }
        }
    }
}
