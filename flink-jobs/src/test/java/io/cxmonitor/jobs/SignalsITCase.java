package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.ExperienceJson;
import io.cxmonitor.events.EventLimits;
import io.cxmonitor.events.Timestamps;
import io.cxmonitor.jobs.TestPipelines;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.InfluxQueries;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestKafka;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The signals job end to end: events written by hand to SPEC section 2 go through a real broker
 * into the job on a MiniCluster at parallelism 2, and every signal of SPEC section 3 lands in a
 * real InfluxDB with the values the definitions give; bad experiences land on cx.experiences.
 */
@ExtendWith(LocalStackExtension.class)
class SignalsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MINUTE = 60_000;
    /** Four hours ago, on a minute: old enough to backfill, young enough to be no future. */
    private static final long T0 = (System.currentTimeMillis() - 4 * 3_600_000) / MINUTE * MINUTE;

    private static CxConfig config;
    private static JobClient job;
    private static InfluxQueries influx;
    private static int ids;

    @BeforeAll
    static void runTheJobOnAHandWrittenDay() throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put(CxOptions.WATERMARK_IDLENESS.key(), "1 s");
        config = TestPipelines.freshConfig(overrides);
        try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            String web = config.get(CxOptions.TOPIC_CLICKSTREAM);
            String app = config.get(CxOptions.TOPIC_APP);
            String reviews = config.get(CxOptions.TOPIC_REVIEWS);
            String support = config.get(CxOptions.TOPIC_SUPPORT);

            // c1 adds to cart and meets a JavaScript error at checkout: a checkout failure, then abandons
            send(kafka, web, "c1", event("page_view", 0, "customer_id", "c1", "session_id", "w1", "page_type", "home"));
            send(kafka, web, "c1", event("view_item", 5_000, "customer_id", "c1", "session_id", "w1", "page_type",
                    "product", "product_id", "p1", "price", 50));
            send(kafka, web, "c1", event("add_to_cart", 9_000, "customer_id", "c1", "session_id", "w1", "page_type",
                    "product", "product_id", "p1", "price", 50, "quantity", 1));
            send(kafka, web, "c1", event("begin_checkout", 20_000, "customer_id", "c1", "session_id", "w1",
                    "page_type", "checkout", "cart_value", 50));
            send(kafka, web, "c1", event("js_error", 25_000, "customer_id", "c1", "session_id", "w1",
                    "page_type", "checkout", "message", "TypeError"));
            // an anonymous visitor rage-clicks on a product page, whose LCP is poor at p75
            for (int i = 0; i < 4; i++) {
                send(kafka, web, "a1", event("click", 30_000 + i * 150, "anonymous_id", "a1", "session_id", "w2",
                        "page_type", "product", "element", "#size", "x", 200 + i, "y", 300));
            }
            int[] lcps = {1_000, 2_000, 5_000, 6_000};
            for (int i = 0; i < lcps.length; i++) {
                send(kafka, web, "a1", event("web_vital", 31_000 + i, "anonymous_id", "a1", "session_id", "w2",
                        "page_type", "product", "metric", "LCP", "value", lcps[i]));
            }
            // c3 buys
            String[] steps = {"view_item", "add_to_cart", "begin_checkout", "add_payment_info", "purchase"};
            for (int i = 0; i < steps.length; i++) {
                send(kafka, web, "c3", event(steps[i], 10_000 + i * 5_000, "customer_id", "c3", "session_id", "w3",
                        "page_type", i < 2 ? "product" : "checkout", "price", 20, "quantity", 1, "cart_value", 20,
                        "value", 20));
            }
            // c2's app: API calls of every Apdex zone, then a crash
            send(kafka, app, "c2", event("app_start", 0, "customer_id", "c2", "session_id", "m1", "platform", "android",
                    "app_version", "5.2.0", "cold_start_ms", 900));
            int[][] calls = {{300, 200}, {1_200, 200}, {3_000, 200}, {100, 503}};
            for (int i = 0; i < calls.length; i++) {
                send(kafka, app, "c2", event("api_call", 2_000 + i * 1_000, "customer_id", "c2", "session_id", "m1",
                        "platform", "android", "app_version", "5.2.0", "screen", "home", "endpoint", "/api/home",
                        "latency_ms", calls[i][0], "status", calls[i][1]));
            }
            send(kafka, app, "c2", event("crash", 7_000, "customer_id", "c2", "session_id", "m1", "platform", "android",
                    "app_version", "5.2.0", "screen", "home", "message", "NullPointerException"));
            // reviews
            send(kafka, reviews, "c4", event("review", 40_000, "customer_id", "c4", "review_id", "r1", "rating", 1,
                    "text", "My parcel never arrived. Terrible!", "source", "trustpilot"));
            send(kafka, reviews, "c5", event("review", 41_000, "customer_id", "c5", "review_id", "r2", "rating", 5,
                    "text", "Love it, great quality.", "source", "trustpilot"));
            // support: an angry chat, answered after 8 minutes, resolved after 20, rated low; then a second ticket
            String[][] ticket = {
                {"ticket_opened", "0", "text", "I was charged twice and my order never arrived. Unacceptable!"},
                {"message", "8", "author", "agent"}, {"ticket_resolved", "20", null, null},
            };
            for (String[] t : ticket) {
                List<Object> fields = new ArrayList<>(List.of("customer_id", "c6", "ticket_id", "T1", "channel", "chat"));
                if (t[2] != null) {
                    fields.add(t[2]);
                    fields.add(t[3]);
                }
                send(kafka, support, "c6", event(t[0], Long.parseLong(t[1]) * MINUTE, fields.toArray()));
            }
            send(kafka, support, "c6", event("csat", 21 * MINUTE, "customer_id", "c6", "ticket_id", "T1", "channel",
                    "chat", "score", 2));
            send(kafka, support, "c6", event("nps", 22 * MINUTE, "customer_id", "c6", "channel", "chat", "score", 10));
            send(kafka, support, "c6", event("ces", 23 * MINUTE, "customer_id", "c6", "channel", "chat", "score", 6));
            send(kafka, support, "c6", event("ticket_opened", 60 * MINUTE, "customer_id", "c6", "ticket_id", "T2",
                    "channel", "chat", "text", "Can I change my delivery address?"));
            // event time moves on: two hours later, on every partition of the web and app topics
            for (String topic : List.of(web, app)) {
                for (int p = 0; p < TestPipelines.PARALLELISM; p++) {
                    String type = topic.equals(web) ? "page_view" : "screen_view";
                    kafka.sendTo(topic, p, T0 + 120 * MINUTE, event(type, 120 * MINUTE, "anonymous_id", "clock-" + p,
                            "session_id", "clock-" + p));
                }
            }
        }
        job = TestPipelines.startSignalsJob(config);
        influx = new InfluxQueries(LocalStackExtension.influx().url(), config.get(CxOptions.INFLUXDB_DATABASE));
    }

    @AfterAll
    static void stop() throws Exception {
        if (job != null) {
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            job.cancel().get();
        }
        if (influx != null) {
            influx.close();
        }
    }

    private static void send(TestKafka kafka, String topic, String key, String json) {
        kafka.send(topic, key, json);
    }

    private static String event(String type, long offset, Object... fields) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", "it-" + (++ids));
        e.put("type", type);
        e.put("ts", Timestamps.format(T0 + offset));
        for (int i = 0; i < fields.length; i += 2) {
            e.put((String) fields[i], fields[i + 1]);
        }
        try {
            return JSON.writeValueAsString(e);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static double sum(String measurement, String field, String where) {
        return influx.number("SELECT sum(\"" + field + "\") FROM " + measurement + (where.isEmpty() ? "" : " WHERE " + where), "sum");
    }

    private static Object last(String measurement, String field, String where) {
        List<Map<String, Object>> rows = influx.rows("SELECT last(\"" + field + "\") FROM " + measurement + " WHERE " + where);
        return rows.isEmpty() ? null : rows.get(0).get("last");
    }

    @Test
    void rageClicksAndErrorsAreCountedPerPlace() {
        Eventually.within(TIMEOUT, () -> {
            assertThat(sum("cx_friction", "rage_clicks", "touchpoint = 'web' AND page_type = 'product'")).isEqualTo(1);
            assertThat(sum("cx_friction", "rage_click_clicks", "page_type = 'product'")).isEqualTo(4);
            assertThat(sum("cx_friction", "js_errors", "page_type = 'checkout'")).isEqualTo(1);
            assertThat(sum("cx_friction", "api_errors", "touchpoint = 'app' AND screen = 'home'")).isEqualTo(1);
            assertThat(sum("cx_friction", "crashes", "touchpoint = 'app' AND platform = 'android'")).isEqualTo(1);
        });
    }

    @Test
    void webVitalsAreRatedAtTheSeventyFifthPercentile() {
        Eventually.within(TIMEOUT, () -> {
            assertThat(last("cx_web_vitals", "p75", "metric = 'LCP' AND page_type = 'product'")).isEqualTo(5000.0);
            assertThat(last("cx_web_vitals", "rating", "metric = 'LCP' AND page_type = 'product'")).isEqualTo("poor");
            assertThat(last("cx_web_vitals", "poor_share", "metric = 'LCP' AND page_type = 'product'")).isEqualTo(0.5);
        });
    }

    @Test
    void apdexCountsToleratingCallsHalfAndErrorsAsFrustrated() {
        Eventually.within(TIMEOUT, () -> {
            assertThat(last("cx_apdex", "apdex", "platform = 'android' AND screen = 'home'")).isEqualTo(0.375);
            assertThat(sum("cx_app", "crashes", "platform = 'android' AND app_version = '5.2.0'")).isEqualTo(1);
            assertThat(last("cx_app", "crash_rate", "app_version = '5.2.0'")).isEqualTo(1.0);
        });
    }

    @Test
    void closedSessionsGiveConversionAbandonmentAndCartValueAtRisk() {
        Eventually.within(TIMEOUT, () -> {
            assertThat(sum("cx_journeys", "sessions", "")).isEqualTo(4);
            assertThat(sum("cx_journeys", "conversions", "")).isEqualTo(1);
            assertThat(sum("cx_journeys", "abandoned", "touchpoint = 'web'")).isEqualTo(1);
            assertThat(sum("cx_journeys", "cart_value_at_risk", "touchpoint = 'web'")).isEqualTo(50);
            assertThat(sum("cx_journeys", "frustrating", "")).isEqualTo(3);
            assertThat(sum("cx_funnel", "reached", "step = 'purchase'")).isEqualTo(1);
            assertThat(sum("cx_funnel", "abandoned", "step = 'begin_checkout'")).isEqualTo(1);
        });
    }

    @Test
    void sentimentIsAggregatedBySourceAndChannelWithoutTheText() {
        Eventually.within(TIMEOUT, () -> {
            assertThat(sum("cx_sentiment", "count", "stream = 'reviews' AND source = 'trustpilot'")).isEqualTo(2);
            assertThat(sum("cx_sentiment", "count", "stream = 'support' AND channel = 'chat'")).isEqualTo(2);
            assertThat(last("cx_sentiment", "negative_share", "stream = 'reviews'")).isEqualTo(0.5);
        });
        assertThat(influx.rows("SHOW FIELD KEYS").toString()).doesNotContain("text").doesNotContain("customer");
        assertThat(influx.rows("SHOW TAG KEYS").toString()).doesNotContain("customer").doesNotContain("session")
                .doesNotContain("ticket");
    }

    @Test
    void supportKpisFollowTheirDefinitions() {
        Eventually.within(TIMEOUT, () -> {
            assertThat(sum("cx_support", "tickets_opened", "channel = 'chat'")).isEqualTo(2);
            assertThat(sum("cx_support", "repeat_contacts", "channel = 'chat'")).isEqualTo(1);
            assertThat(last("cx_support", "first_response_p50_s", "channel = 'chat'")).isEqualTo(480.0);
            assertThat(last("cx_support", "resolution_p90_s", "channel = 'chat'")).isEqualTo(1200.0);
            assertThat(last("cx_support", "csat", "channel = 'chat'")).isEqualTo(0.0);
            assertThat(last("cx_support", "nps", "channel = 'chat'")).isEqualTo(100.0);
            assertThat(last("cx_support", "ces", "channel = 'chat'")).isEqualTo(6.0);
        });
    }

    @Test
    void everyBadExperienceOfAKnownCustomerIsPublishedOnce() throws Exception {
        // T2 is never answered at all: a second slow first response
        List<String> expected = List.of("c1:checkout_failure", "c2:app_crash", "c4:negative_review",
                "c6:negative_support_message", "c6:slow_first_response", "c6:low_csat", "c6:slow_first_response");
        List<String> seen = new ArrayList<>();
        try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            for (ConsumerRecord<byte[], byte[]> r
                    : kafka.readAll(config.get(CxOptions.TOPIC_EXPERIENCES), expected.size(), TIMEOUT)) {
                BadExperience b = ExperienceJson.read(r.value(), EventLimits.DEFAULT);
                assertThat(new String(r.key())).isEqualTo(b.customerId);
                assertThat(b.eventIds).isNotEmpty();
                seen.add(b.customerId + ":" + b.kind.id());
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
        Eventually.within(TIMEOUT, () -> assertThat(sum("cx_bad_experiences", "count", "")).isEqualTo(7));
    }

    @Test
    void anEventLaterThanTheAllowedLatenessIsCountedAsLate() throws Exception {
        Eventually.within(TIMEOUT, () -> assertThat(sum("cx_journeys", "sessions", "")).isEqualTo(4));
        try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            send(kafka, config.get(CxOptions.TOPIC_CLICKSTREAM), "late",
                    event("page_view", 60_000, "anonymous_id", "late", "session_id", "late"));
        }
        Eventually.within(TIMEOUT, () -> assertThat(sum("cx_late_events", "count", "stream = 'clickstream'")).isEqualTo(1));
    }
}
