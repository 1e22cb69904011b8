package io.cxmonitor.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.jobs.NotifyJob;
import io.cxmonitor.jobs.TestPipelines;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestKafka;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a new cx-notify starts reading: an alert published after the job was defined but before
 * its readers ran is delivered (Kafka's "latest", resolved by a reader when it starts, lost it), and
 * the history from before is not.
 */
@ExtendWith(LocalStackExtension.class)
class NotifyStartITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void aNewRouteDeliversWhatWasPublishedSinceTheJobWasDefinedAndNoOlderHistory(@TempDir Path dir) throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            delivered.add(exchange.getRequestHeaders().getFirst("X-CX-Alert-Id"));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        receiver.start();
        Path routes = dir.resolve("routes.properties");
        Files.writeString(routes, "route.hook.type = webhook\nroute.hook.url = http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/hook\nroute.hook.secret-env = CX_IT_SECRET\n");
        CxConfig config = TestPipelines.freshConfig(Map.of(CxOptions.NOTIFY_ROUTES.key(), routes.toString()));
        String topic = config.get(CxOptions.TOPIC_ALERTS);
        JobClient job = null;
        try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            long now = System.currentTimeMillis();
            // history: published ten minutes ago, though detected recently enough to be sent
            kafka.sendTo(topic, 0, now - 600_000, alert("history"));
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            NotifyJob.define(env, config, NotifyJob.routes(config, Map.of("CX_IT_SECRET", "it-secret")));
            kafka.sendTo(topic, 0, System.currentTimeMillis(), alert("while-starting"));
            kafka.sendTo(topic, 1, System.currentTimeMillis(), alert("while-starting-elsewhere"));
            job = env.executeAsync(NotifyJob.NAME);
            Eventually.within(TIMEOUT, () -> assertThat(delivered)
                    .contains("while-starting", "while-starting-elsewhere"));
            kafka.sendTo(topic, 0, System.currentTimeMillis(), alert("later"));
            Eventually.within(TIMEOUT, () -> assertThat(delivered).contains("later"));
            assertThat(delivered).containsExactlyInAnyOrder("while-starting", "while-starting-elsewhere", "later");
        } finally {
            if (job != null) {
                job.cancel().get();
            }
            receiver.stop(0);
        }
    }

    private static String alert(String id) {
        Alert a = new Alert();
        a.alertId = id;
        a.dedupKey = "switching-risk:c-" + id;
        a.status = "firing";
        a.customerId = "c-" + id;
        a.riskScore = 0.7;
        a.severity = "high";
        a.priority = "P2";
        a.summary = "Customer c-" + id + " had a first bad experience.";
        a.firstKind = "checkout_failure";
        a.firstTouchpoint = "web";
        a.firstEventIds = new String[] {"e-" + id};
        a.triggerKind = "checkout_failure";
        a.triggerEventIds = new String[] {"e-" + id};
        a.detectedAt = System.currentTimeMillis();
        return new String(AlertJson.write(a), StandardCharsets.UTF_8);
    }
}
