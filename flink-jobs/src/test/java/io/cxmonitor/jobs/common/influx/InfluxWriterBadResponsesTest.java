package io.cxmonitor.jobs.common.influx;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The writer against a tiny HTTP server that answers what a struggling or strict InfluxDB answers. */
class InfluxWriterBadResponsesTest {

    private HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> retries = Collections.synchronizedList(new ArrayList<>());
    private final List<String> drops = Collections.synchronizedList(new ArrayList<>());

    private record Answer(int status, String retryAfter, String body) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/write", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] raw = in.readAllBytes();
            boolean gzip = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            bodies.add(new String(gzip ? new GZIPInputStream(new java.io.ByteArrayInputStream(raw)).readAllBytes() : raw, UTF_8));
        }
        Answer a = answers.isEmpty() ? new Answer(204, null, null) : answers.poll();
        if (a.retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", a.retryAfter);
        }
        byte[] body = a.body == null ? new byte[0] : a.body.getBytes(UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(a.status, a.status == 204 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private InfluxWriter writer(boolean gzip, Duration retryTimeout) {
        InfluxSettings settings = new InfluxSettings("http://127.0.0.1:" + server.getAddress().getPort(), "cx", "", Duration.ofDays(400),
                "", "", false, gzip, 5000, Duration.ofSeconds(1),
                new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(100), retryTimeout), 2000);
        return new InfluxWriter(settings, new InfluxWriter.Listener() {
            @Override
            public void written(int points, long nanos) {}

            @Override
            public void failed(int status, String error, Duration retryIn) {
                if (retryIn != null) {
                    retries.add(status + " " + retryIn.toMillis());
                }
            }

            @Override
            public void dropped(InfluxWriter.DropReason reason, int points, String error) {
                drops.add(reason.id() + " " + points);
            }
        });
    }

    @Test
    void retries500And503WithRetryAfterAnd429UntilTheWriteIsAccepted() throws Exception {
        answers.add(new Answer(500, null, "{\"error\":\"timeout\"}"));
        answers.add(new Answer(503, "1", "{\"error\":\"overloaded\"}"));
        answers.add(new Answer(429, null, "{\"error\":\"too many requests\"}"));
        long start = System.nanoTime();
        try (InfluxWriter writer = writer(false, Duration.ofSeconds(30))) {
            writer.write(List.of("m,source=a value=1i 1000", "m,source=b value=2i 1000"));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(bodies).hasSize(4).containsOnly("m,source=a value=1i 1000\nm,source=b value=2i 1000");
        assertThat(retries).hasSize(3);
        assertThat(retries.get(0)).startsWith("500 ");
        assertThat(retries.get(1)).isEqualTo("503 1000");
        assertThat(retries.get(2)).startsWith("429 ");
    }

    @Test
    void aPartialWriteDropsOnlyTheRefusedPointsAndIsNeverRetried() throws Exception {
        answers.add(new Answer(400, null, "{\"error\":\"partial write: points beyond retention policy dropped=2\"}"));
        answers.add(new Answer(400, null, "{\"error\":\"partial write: field type conflict: input field \\\"v\\\" on "
                + "measurement \\\"m\\\" is type float, already exists as type integer dropped=1\"}"));
        try (InfluxWriter writer = writer(false, Duration.ofSeconds(30))) {
            writer.write(List.of("m v=1i 1", "m v=2i 2", "m v=3i 1795424400000"));
            writer.write(List.of("m v=1.5 3", "m v=4i 4"));
        }
        assertThat(bodies).hasSize(2);
        assertThat(retries).isEmpty();
        assertThat(drops).containsExactly("beyond_retention 2", "field_type_conflict 1");
    }

    @Test
    void aRefusedBatchIsHalvedUntilOnlyTheBadPointIsDropped() throws Exception {
        String parseError = "{\"error\":\"unable to parse 'm value=': missing field value\"}";
        answers.add(new Answer(400, null, parseError)); // the batch of four
        answers.add(new Answer(400, null, parseError)); // its first half
        answers.add(new Answer(204, null, null)); // "m a=1i 1" alone
        answers.add(new Answer(400, null, parseError)); // "m value=" alone
        try (InfluxWriter writer = writer(false, Duration.ofSeconds(30))) {
            writer.write(List.of("m a=1i 1", "m value=", "m b=2i 2", "m c=3i 3"));
        }
        assertThat(bodies).containsExactly("m a=1i 1\nm value=\nm b=2i 2\nm c=3i 3", "m a=1i 1\nm value=",
                "m a=1i 1", "m value=", "m b=2i 2\nm c=3i 3");
        assertThat(drops).containsExactly("parse_error 1");
        assertThat(retries).isEmpty();
    }

    @Test
    void badCredentialsAndAMissingDatabaseSayHowToFixThem() {
        answers.add(new Answer(401, null, "{\"error\":\"authorization failed\"}"));
        answers.add(new Answer(404, null, "{\"error\":\"database not found: \\\"cx\\\"\"}"));
        try (InfluxWriter writer = writer(false, Duration.ofSeconds(30))) {
            assertThatThrownBy(() -> writer.write(List.of("m v=1i 1")))
                    .hasMessageContaining("authorization failed").hasMessageContaining("CX_INFLUXDB_PASSWORD");
            assertThatThrownBy(() -> writer.write(List.of("m v=1i 1")))
                    .hasMessageContaining("database not found").hasMessageContaining("influxdb.create-database");
        }
    }

    @Test
    void givesUpAfterTheRetryTimeoutSoThatTheRestartStrategyTakesOver() {
        for (int i = 0; i < 1000; i++) {
            answers.add(new Answer(503, null, "{\"error\":\"down\"}"));
        }
        try (InfluxWriter writer = writer(false, Duration.ofMillis(500))) {
            assertThatThrownBy(() -> writer.write(List.of("m v=1i 1")))
                    .isInstanceOf(InfluxWriteException.class)
                    .hasMessageContaining("still failed after")
                    .hasMessageContaining("HTTP 503");
        }
        assertThat(bodies.size()).isGreaterThan(2);
    }

    @Test
    void anUnreachableServerIsRetriedLikeAnOutage() {
        server.stop(0);
        try (InfluxWriter writer = writer(false, Duration.ofMillis(300))) {
            assertThatThrownBy(() -> writer.write(List.of("m v=1i 1")))
                    .hasMessageContaining("still failed after")
                    .hasMessageContaining("no response");
        }
        assertThat(retries).isNotEmpty().allSatisfy(r -> assertThat(r).startsWith("0 "));
    }

    @Test
    void compressesRequestsWhenAskedTo() throws Exception {
        try (InfluxWriter writer = writer(true, Duration.ofSeconds(5))) {
            writer.write(List.of("m v=1i 1"));
        }
        assertThat(bodies).containsExactly("m v=1i 1");
    }
}
