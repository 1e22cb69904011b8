package io.cxmonitor.jobs.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.events.Timestamps;
import io.cxmonitor.jobs.InfluxJob;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.TestPipelines;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.InfluxQueries;
import io.cxmonitor.localstack.InfluxServer;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestKafka;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The signals into an {@code influxd} with {@code auth-enabled = true}: cx-influx logs in as a user
 * that may only write the database, with the password from the environment
 * ({@code CX_INFLUXDB_PASSWORD}), and its points arrive; the server does refuse anyone else; the
 * password shows nowhere; and a user that may not create the database is told the fix.
 */
@ExtendWith(LocalStackExtension.class)
class InfluxAuthenticationITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    private static final String WRITER = "cx-writer";

    @Test
    void theJobsWriteAsAUserWhosePasswordComesFromTheEnvironment() throws Exception {
        String adminPassword = UUID.randomUUID().toString();
        String writerPassword = "w-" + UUID.randomUUID();
        try (InfluxServer influx = InfluxServer.launchWithAuthentication("admin", adminPassword);
                TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            CxConfig base = TestPipelines.freshConfig(Map.of(CxOptions.INFLUXDB_URL.key(), influx.url()));
            String database = base.get(CxOptions.INFLUXDB_DATABASE);
            influx.createDatabase(database);
            influx.query(database, "CREATE USER \"" + WRITER + "\" WITH PASSWORD '" + writerPassword + "'");
            influx.query(database, "GRANT WRITE ON \"" + database + "\" TO \"" + WRITER + "\"");

            assertThat(anonymousWrite(influx, database)).as("influxd refuses a write without credentials").isEqualTo(401);

            // as flink run reads them: the settings from a file, the secret from the environment
            Map<String, String> file = new HashMap<>(base.toMap());
            file.put(CxOptions.INFLUXDB_CREATE_DATABASE.key(), "false");
            CxConfig config = CxConfig.load(file, Map.of(CxConfig.envName(CxOptions.INFLUXDB_USERNAME.key()), WRITER,
                    CxConfig.envName(CxOptions.INFLUXDB_PASSWORD.key()), writerPassword), Map.of());
            assertThat(config.toString()).contains(WRITER).doesNotContain(writerPassword);

            List<JobClient> jobs = new ArrayList<>();
            try {
                jobs.add(TestPipelines.startSignalsJob(config));
                long now = System.currentTimeMillis();
                String web = config.get(CxOptions.TOPIC_CLICKSTREAM);
                for (int i = 0; i < 5; i++) {
                    kafka.send(web, "s" + i, "{\"event_id\":\"v-" + i + "\",\"type\":\"page_view\",\"ts\":\""
                            + Timestamps.format(now + i) + "\",\"session_id\":\"s" + i + "\"}");
                }
                try (InfluxQueries queries = new InfluxQueries(influx.url(), database, "admin", adminPassword)) {
                    Eventually.within(Duration.ofSeconds(60), () -> assertThat(
                            queries.number("SELECT sum(\"count\") FROM cx_events", "sum")).isEqualTo(5.0));
                }
                TestPipelines.assertRunning(jobs);
            } finally {
                TestPipelines.cancel(jobs);
            }

            // the same user, left to create the database itself, may not: the job stops with the fix
            CxConfig creating = CxConfig.load(base.toMap(), Map.of(
                    CxConfig.envName(CxOptions.INFLUXDB_USERNAME.key()), WRITER,
                    CxConfig.envName(CxOptions.INFLUXDB_PASSWORD.key()), writerPassword), Map.of());
            JobClient refused = TestPipelines.start(InfluxJob.NAME, 1, env -> InfluxJob.define(env, creating));
            try {
                refused.getJobExecutionResult().get(60, TimeUnit.SECONDS);
                throw new AssertionError("cx-influx ran though its user may not create the database");
            } catch (ExecutionException e) {
                assertThat(causes(e)).contains("HTTP 403").contains("set influxdb.create-database=false")
                        .doesNotContain(writerPassword);
            }
        }
    }

    private static int anonymousWrite(InfluxServer influx, String database) throws Exception {
        HttpRequest write = HttpRequest.newBuilder(URI.create(influx.url() + "/write?db="
                        + URLEncoder.encode(database, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("intruder value=1")).build();
        return HttpClient.newHttpClient().send(write, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }
}
