package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.ExperienceJson;
import io.cxmonitor.events.EventLimits;
import io.cxmonitor.events.Timestamps;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.InfluxQueries;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The signals job as deployed, on the hand-written day: through a real broker (keys, partitions,
 * idle partitions), into {@code cx.experiences} and, through {@code cx-influx}, a real InfluxDB.
 * What each signal computes is {@link SignalsPipelineTest}'s business; this is about the wiring.
 */
@ExtendWith(LocalStackExtension.class)
class SignalsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final long MINUTE = HandWrittenDay.MINUTE;
    /** Four hours ago, on a minute: old enough to backfill, young enough to be no future. */
    private static final long T0 = (System.currentTimeMillis() - 4 * 3_600_000) / MINUTE * MINUTE;

    private static CxConfig config;
    private static JobClient job;
    private static InfluxQueries influx;

    @BeforeAll
    static void runTheJobOnTheHandWrittenDay() throws Exception {
        // watermark.idleness at its default (30 s): the review and support partitions hold no clock
        // and stop holding event time back once idle; at 1 s, a partition whose reading began a
        // second late on a loaded machine found event time already past its day, and its sessions late
        config = TestPipelines.freshConfig();
        try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            for (HandWrittenDay.Record r : HandWrittenDay.from(T0)) {
                kafka.send(config.get(CxOptions.topicOf(r.stream())), r.key(), r.json());
            }
            // event time moves on, on every partition of the web and app topics
            List<HandWrittenDay.Record> clock = HandWrittenDay.clock(T0, TestPipelines.PARALLELISM);
            for (int i = 0; i < clock.size(); i++) {
                HandWrittenDay.Record r = clock.get(i);
                kafka.sendTo(config.get(CxOptions.topicOf(r.stream())), i % TestPipelines.PARALLELISM, r.ts(), r.json());
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

    private static double sum(String measurement, String field, String where) {
        return influx.number("SELECT sum(\"" + field + "\") FROM " + measurement + (where.isEmpty() ? "" : " WHERE " + where), "sum");
    }

    @Test
    void everyBadExperienceIsPublishedOnceKeyedByItsCustomerAndCountedInInfluxDb() throws Exception {
        // T2 is never answered at all: a second slow first response
        List<String> expected = List.of("c1:checkout_failure", "c2:app_crash", "c4:negative_review",
                "c6:negative_support_message", "c6:slow_first_response", "c6:low_csat", "c6:slow_first_response");
        List<String> seen = new ArrayList<>();
        try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            for (ConsumerRecord<byte[], byte[]> r
                    : kafka.readAll(config.get(CxOptions.TOPIC_EXPERIENCES), expected.size(), TIMEOUT)) {
                BadExperience b = ExperienceJson.read(r.value(), EventLimits.DEFAULT);
                assertThat(new String(r.key())).isEqualTo(b.customerId);
                if (!b.customerId.equals(LATE_CUSTOMER)) { // the late event's test may have run first
                    seen.add(b.customerId + ":" + b.kind.id());
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
        Eventually.within(TIMEOUT, () -> assertThat(sum("cx_bad_experiences", "count", "kind != 'nps_detractor'"))
                .isEqualTo(7));
    }

    @Test
    void theSignalsReachInfluxDbWithoutTextOrIdentifiers() {
        Eventually.within(TIMEOUT, () -> {
            assertThat(sum("cx_journeys", "sessions", "")).isEqualTo(4);
            assertThat(sum("cx_friction", "rage_clicks", "touchpoint = 'web' AND page_type = 'product'")).isEqualTo(1);
            assertThat(sum("cx_sentiment", "count", "stream = 'reviews' AND source = 'trustpilot'")).isEqualTo(2);
            assertThat(sum("cx_support", "tickets_opened", "channel = 'chat'")).isEqualTo(2);
        });
        assertThat(influx.rows("SHOW FIELD KEYS").toString()).doesNotContain("text").doesNotContain("customer");
        assertThat(influx.rows("SHOW TAG KEYS").toString()).doesNotContain("customer").doesNotContain("session")
                .doesNotContain("ticket");
    }

    private static final String LATE_CUSTOMER = "c-late";

    /**
     * Late for every window, but not for its customer: an answer sent hours after it was given (as a
     * crash report is sent at the app's next start) is still the bad experience it is.
     */
    @Test
    void anEventLaterThanTheAllowedLatenessIsCountedAsLateAndStillABadExperience() throws Exception {
        Eventually.within(TIMEOUT, () -> assertThat(sum("cx_journeys", "sessions", "")).isEqualTo(4));
        String ts = Timestamps.format(T0 + MINUTE);
        try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            kafka.send(config.get(CxOptions.TOPIC_CLICKSTREAM), "late", "{\"event_id\":\"late-1\",\"type\":\"page_view\","
                    + "\"ts\":\"" + ts + "\",\"anonymous_id\":\"late\",\"session_id\":\"late\"}");
            kafka.send(config.get(CxOptions.TOPIC_SUPPORT), LATE_CUSTOMER, "{\"event_id\":\"late-2\",\"type\":\"nps\","
                    + "\"ts\":\"" + ts + "\",\"customer_id\":\"" + LATE_CUSTOMER + "\",\"channel\":\"email\",\"score\":2}");
        }
        Eventually.within(TIMEOUT, () -> {
            assertThat(sum("cx_late_events", "count", "stream = 'clickstream'")).isEqualTo(1);
            assertThat(sum("cx_late_events", "count", "stream = 'support'")).isEqualTo(1);
        });
        List<BadExperience> late = new ArrayList<>();
        try (TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            Eventually.within(TIMEOUT, () -> {
                late.clear();
                for (ConsumerRecord<byte[], byte[]> r : kafka.readAll(config.get(CxOptions.TOPIC_EXPERIENCES), 8,
                        Duration.ofSeconds(5))) {
                    BadExperience b = ExperienceJson.read(r.value(), EventLimits.DEFAULT);
                    if (b.customerId.equals(LATE_CUSTOMER)) {
                        late.add(b);
                    }
                }
                assertThat(late).extracting(b -> b.kind.id()).containsExactly("nps_detractor");
            });
        }
        assertThat(late.get(0).ts).as("at its own event time").isEqualTo(T0 + MINUTE);
        assertThat(late.get(0).eventIds).containsExactly("late-2");
    }
}
