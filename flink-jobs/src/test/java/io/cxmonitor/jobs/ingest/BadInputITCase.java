package io.cxmonitor.jobs.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.InfluxQueries;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestKafka;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC section 2, bad input: valid and malformed records go through a real broker into the signals
 * job on a MiniCluster at parallelism 2. Every valid record is counted in InfluxDB, every malformed
 * one lands on the dead-letter topic with its reason, and the job keeps running (it has no
 * restart strategy, so one failure would end it).
 */
@ExtendWith(LocalStackExtension.class)
class BadInputITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(3)
                    .build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    private final String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    @Test
    void countsEveryValidRecordAndDeadLettersEveryMalformedOneWithItsReason() throws Exception {
        CxConfig config = io.cxmonitor.jobs.TestPipelines.freshConfig();
        String web = config.get(CxOptions.TOPIC_CLICKSTREAM);
        String app = config.get(CxOptions.TOPIC_APP);
        String reviews = config.get(CxOptions.TOPIC_REVIEWS);
        String support = config.get(CxOptions.TOPIC_SUPPORT);

        Map<String, String> expectedReasons = new HashMap<>(); // payload prefix -> reason
        try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            // Valid records, interleaved with malformed ones below.
            for (int i = 0; i < 5; i++) {
                kafka.send(web, "s1", event("w" + i, "page_view", "\"session_id\":\"s1\",\"page_type\":\"home\""));
            }
            kafka.send(web, "s1", event("w-click", "click", "\"session_id\":\"s1\",\"x\":10,\"y\":20"));
            kafka.send(app, "s2", event("a1", "crash", "\"session_id\":\"s2\",\"platform\":\"android\""));
            kafka.send(app, "s2", event("a2", "api_call", "\"session_id\":\"s2\",\"status\":503,\"latency_ms\":900"));
            kafka.send(reviews, "c1", event("r1", "review", "\"customer_id\":\"c1\",\"rating\":1,\"text\":\"Never arrived\""));
            kafka.send(support, "c2", event("t1", "ticket_opened", "\"customer_id\":\"c2\",\"ticket_id\":\"T1\",\"channel\":\"chat\""));
            kafka.send(support, "c2", event("t2", "csat", "\"customer_id\":\"c2\",\"score\":2"));

            malformed(kafka, web, expectedReasons, "not_json", "this is {not json");
            malformed(kafka, web, expectedReasons, "missing_field",
                    "{\"type\":\"click\",\"ts\":\"" + now + "\",\"session_id\":\"s1\"}");
            malformed(kafka, reviews, expectedReasons, "wrong_type",
                    "{\"event_id\":\"bad-rating\",\"type\":\"review\",\"ts\":\"" + now + "\",\"customer_id\":\"c\",\"rating\":\"five\"}");
            malformed(kafka, app, expectedReasons, "unknown_type",
                    "{\"event_id\":\"tele\",\"type\":\"teleport\",\"ts\":\"" + now + "\",\"session_id\":\"s\"}");
            malformed(kafka, support, expectedReasons, "future_timestamp",
                    "{\"event_id\":\"fut\",\"type\":\"csat\",\"ts\":\"" + Instant.now().plus(Duration.ofHours(48))
                            + "\",\"customer_id\":\"c\",\"score\":5}");
            malformed(kafka, web, expectedReasons, "bad_timestamp",
                    "{\"event_id\":\"when\",\"type\":\"click\",\"ts\":\"yesterday\",\"session_id\":\"s\"}");
            malformed(kafka, reviews, expectedReasons, "invalid_value",
                    "{\"event_id\":\"nine\",\"type\":\"review\",\"ts\":\"" + now + "\",\"customer_id\":\"c\",\"rating\":9}");
            String oversized = "{\"event_id\":\"big\",\"type\":\"review\",\"ts\":\"" + now
                    + "\",\"customer_id\":\"c\",\"text\":\"" + "a".repeat(1536 * 1024) + "\"}";
            malformed(kafka, reviews, expectedReasons, "too_large", oversized);

            kafka.send(web, "s3", event("w-after", "page_view", "\"session_id\":\"s3\""));
            kafka.send(reviews, "c3", event("r-after", "review", "\"customer_id\":\"c3\",\"rating\":5"));
        }

        JobClient job = io.cxmonitor.jobs.TestPipelines.startSignalsJob(config);
        try (InfluxQueries influx = new InfluxQueries(LocalStackExtension.influx().url(),
                config.get(CxOptions.INFLUXDB_DATABASE))) {
            Eventually.within(TIMEOUT, () -> assertThat(influx.rows(
                    "SELECT sum(\"count\") FROM cx_events GROUP BY stream, \"type\""))
                    .extracting(r -> r.get("stream") + "/" + r.get("type") + "=" + ((Number) r.get("sum")).intValue())
                    .containsExactlyInAnyOrder(
                            "clickstream/page_view=6", "clickstream/click=1", "app/crash=1", "app/api_call=1",
                            "reviews/review=2", "support/ticket_opened=1", "support/csat=1"));

            Eventually.within(TIMEOUT, () -> assertThat(influx.byTag(
                    "SELECT sum(\"count\") FROM cx_dead_letters GROUP BY reason", "reason", "sum"))
                    .containsOnlyKeys(expectedReasons.values())
                    .allSatisfy((reason, count) -> assertThat(count).isEqualTo(1.0)));
        }

        List<ConsumerRecord<byte[], byte[]>> letters;
        try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            letters = kafka.readAll(config.get(CxOptions.TOPIC_DEADLETTER), expectedReasons.size(), TIMEOUT);
        }
        List<String> seen = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : letters) {
            JsonNode letter = JSON.readTree(record.value());
            String payload = letter.get("payload").asText();
            String prefix = payload.substring(0, Math.min(40, payload.length()));
            assertThat(expectedReasons).containsKey(prefix);
            assertThat(letter.get("reason").asText()).as(prefix).isEqualTo(expectedReasons.get(prefix));
            assertThat(letter.get("error").asText()).isNotBlank();
            assertThat(letter.get("source_topic").asText()).startsWith("cx.");
            assertThat(letter.get("partition").isInt()).isTrue();
            assertThat(letter.get("offset").isIntegralNumber()).isTrue();
            assertThat(Instant.parse(letter.get("received_at").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(payload.length()).isLessThanOrEqualTo(64 * 1024);
            seen.add(letter.get("reason").asText());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expectedReasons.values());

        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        job.cancel().get();
    }

    private String event(String id, String type, String fields) {
        return "{\"event_id\":\"" + id + "\",\"type\":\"" + type + "\",\"ts\":\"" + now + "\"," + fields + "}";
    }

    private static void malformed(TestKafka kafka, String topic, Map<String, String> expected, String reason,
            String payload) {
        expected.put(payload.substring(0, Math.min(40, payload.length())), reason);
        kafka.send(topic, null, payload);
    }
}
