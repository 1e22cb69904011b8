package io.cxmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.InfluxQueries;
import io.cxmonitor.localstack.Ports;
import io.cxmonitor.localstack.TestKafka;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Runs {@code cxmon demo} in-process on free ports: the real broker, influxd and Flink local
 * cluster it starts, the jobs it submits and, in the first test, the generator.
 */
class DemoITCase {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final int kafkaPort = Ports.free();
    private final int influxPort = Ports.free();
    private final int uiPort = Ports.free();

    @Test
    void demoFillsInfluxDbWithCountsOfAllFourStreamsAndStopsCleanly(@TempDir Path data) throws Exception {
        DemoCommand demo = demo(data, "--rate", "400");
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> call(demo));
        ProcessHandle influxd;
        try (InfluxQueries influx = new InfluxQueries("http://127.0.0.1:" + influxPort, "cx")) {
            Eventually.within(TIMEOUT, () -> assertThat(influx.byTag(
                    "SELECT sum(\"count\") FROM cx_events GROUP BY stream", "stream", "sum"))
                    .containsKeys("clickstream", "app", "reviews", "support")
                    .allSatisfy((stream, count) -> assertThat(count).isPositive()));
            assertThat(get("http://127.0.0.1:" + uiPort + "/overview").statusCode()).isEqualTo(200);
            influxd = ProcessHandle.allProcesses()
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a)).orElse("")
                            .contains(data.resolve("influxdb.conf").toString()))
                    .filter(p -> p.info().command().orElse("").endsWith("influxd"))
                    .findFirst().orElseThrow();
        } finally {
            demo.stop();
        }
        assertThat(run.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(influxd.isAlive()).as("influxd left behind").isFalse();
        assertThat(Ports.isFree(kafkaPort)).as("Kafka port released").isTrue();
        assertThat(Ports.isFree(uiPort)).as("Flink UI port released").isTrue();
    }

    @Test
    void eventsFromAPlainKafkaClientReachInfluxDbAndABadAnswerIsDelivered(@TempDir Path data) throws Exception {
        List<String> delivered = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/slack", exchange -> {
            delivered.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Path routes = data.resolve("routes.properties");
        Files.writeString(routes, "route.team.type = slack\nroute.team.url = http://127.0.0.1:"
                + receiver.getAddress().getPort() + "/slack\n");
        DemoCommand demo = demo(data.resolve("influxdb"), "--no-generator", "--set", "notify.routes=" + routes);
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> call(demo));
        try (InfluxQueries influx = new InfluxQueries("http://127.0.0.1:" + influxPort, "cx")) {
            Eventually.within(TIMEOUT, () -> assertThat(get("http://127.0.0.1:" + uiPort + "/jobs/overview").body())
                    .contains("cx-signals", "cx-alerts", "cx-notify").doesNotContain("CREATED", "INITIALIZING"));
            // what kafka-console-producer sends: a value, no key, the current time as timestamp
            try (TestKafka kafka = new TestKafka("127.0.0.1:" + kafkaPort)) {
                kafka.send("cx.clickstream", null, "{\"event_id\":\"typed-1\",\"type\":\"page_view\",\"ts\":\""
                        + Instant.now() + "\",\"session_id\":\"s-typed\",\"page_type\":\"home\"}");
                kafka.send("cx.support", null, "{\"event_id\":\"typed-2\",\"type\":\"csat\",\"ts\":\""
                        + Instant.now() + "\",\"customer_id\":\"c-typed\",\"channel\":\"chat\",\"score\":1}");
            }
            Eventually.within(TIMEOUT, () -> assertThat(influx.number(
                    "SELECT sum(\"count\") FROM cx_events WHERE stream = 'clickstream' AND \"type\" = 'page_view'",
                    "sum")).isEqualTo(1.0));
            Eventually.within(TIMEOUT, () -> assertThat(delivered).singleElement().asString()
                    .contains("switching risk", "low csat"));
        } finally {
            demo.stop();
            receiver.stop(0);
        }
        assertThat(run.get(60, TimeUnit.SECONDS)).isZero();
    }

    private DemoCommand demo(Path data, String... extra) {
        DemoCommand demo = new DemoCommand();
        String[] args = new String[9 + extra.length];
        // --no-console: under the test runner, standard input carries its commands
        String[] base = {"--kafka-port", "" + kafkaPort, "--influx-port", "" + influxPort,
            "--flink-ui-port", "" + uiPort, "--data-dir", data.toString(), "--no-console"};
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        new CommandLine(demo).parseArgs(args);
        return demo;
    }

    private static Integer call(DemoCommand demo) {
        try {
            return demo.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
