package io.cxmonitor.jobs.common.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.localstack.InfluxQueries;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job that fails after its first completed checkpoint and recovers from it must leave InfluxDB
 * exactly as a run without the failure: the points written twice overwrite themselves, and the
 * points that were only buffered when it failed are written after the replay.
 */
@ExtendWith(LocalStackExtension.class)
class InfluxSinkRestartITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final long POINTS = 20_000;

    @Test
    void recoveryAfterAFailureLeavesExactlyThePointsOfAnUndisturbedRun() throws Exception {
        String undisturbed = TestNames.unique("sink_plain");
        String recovered = TestNames.unique("sink_restart");

        run(undisturbed, false);
        PointsJob.FailOnceAfterCheckpoint.reset();
        run(recovered, true);
        assertThat(PointsJob.FailOnceAfterCheckpoint.FAILED).as("the failure was injected").isTrue();

        String url = LocalStackExtension.influx().url();
        try (InfluxQueries a = new InfluxQueries(url, undisturbed); InfluxQueries b = new InfluxQueries(url, recovered)) {
            String all = "SELECT * FROM sink_test ORDER BY time";
            List<Map<String, Object>> expected = a.rows(all);
            assertThat(expected).hasSize((int) POINTS);
            assertThat(b.rows(all)).isEqualTo(expected);
            assertThat(b.number("SELECT count(\"value\") FROM sink_test", "count")).isEqualTo(POINTS);
        }
    }

    private static void run(String database, boolean fail) throws Exception {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(500);
        PointsJob.define(env, PointsJob.settings(LocalStackExtension.influx().url(), database), POINTS, 5_000, fail);
        env.execute("sink " + (fail ? "with a failure" : "undisturbed"));
    }
}
