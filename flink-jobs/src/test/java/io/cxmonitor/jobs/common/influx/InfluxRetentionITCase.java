package io.cxmonitor.jobs.common.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestNames;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code influxdb.retention} on a real influxd: set when the database is created, changed when it is set again. */
@ExtendWith(LocalStackExtension.class)
class InfluxRetentionITCase {

    private static void start(String database, String policy, Duration retention) throws Exception {
        InfluxSettings settings = new InfluxSettings(LocalStackExtension.influx().url(), database, policy, retention, "", "",
                true, false, 100, Duration.ofMillis(200), new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(100),
                        Duration.ofSeconds(10)), 2000);
        try (InfluxWriter writer = new InfluxWriter(settings, new InfluxWriter.Listener() {
            @Override
            public void written(int points, long nanos) {}

            @Override
            public void failed(int status, String error, Duration retryIn) {}

            @Override
            public void dropped(InfluxWriter.DropReason reason, int points, String error) {}
        })) {
            writer.ensureDatabase();
        }
    }

    private static String policies(String database) {
        return LocalStackExtension.influx().query(database, "SHOW RETENTION POLICIES ON \"" + database + "\"");
    }

    @Test
    void theDefaultPolicyGetsTheRetentionAndANamedOneIsCreated() throws Exception {
        String database = TestNames.unique("retention");
        start(database, "", Duration.ofDays(30));
        assertThat(policies(database)).contains("[\"autogen\",\"720h0m0s\"");

        start(database, "", Duration.ofHours(2));
        assertThat(policies(database)).as("changed when set again").contains("[\"autogen\",\"2h0m0s\"");

        start(database, "cx_year", Duration.ofDays(400));
        assertThat(policies(database)).contains("[\"cx_year\",\"9600h0m0s\"").contains("[\"autogen\",\"2h0m0s\"");
    }
}
