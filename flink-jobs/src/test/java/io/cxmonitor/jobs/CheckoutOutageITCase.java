package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.events.Stream;
import io.cxmonitor.events.Timestamps;
import io.cxmonitor.generator.GeneratorRun;
import io.cxmonitor.generator.Incident;
import io.cxmonitor.generator.KafkaPublisher;
import io.cxmonitor.generator.TrafficSettings;
import io.cxmonitor.generator.TrafficSimulator;
import io.cxmonitor.jobs.TestPipelines;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.InfluxQueries;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestKafka;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The generator runs 100 minutes of traffic with a checkout outage from minute 40 to 60; the
 * signals the outage should move, move: checkout errors and checkout failures rise during it,
 * and sessions of that time close abandoned at the payment step.
 */
@ExtendWith(LocalStackExtension.class)
class CheckoutOutageITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

    private static final long MINUTE = 60_000;

    @Test
    void duringACheckoutOutageCheckoutErrorsAndAbandonmentAtPaymentRise() throws Exception {
        CxConfig config = TestPipelines.freshConfig(Map.of(CxOptions.WATERMARK_IDLENESS.key(), "1 s"));
        long t0 = (System.currentTimeMillis() - 4 * 3_600_000) / MINUTE * MINUTE;
        TrafficSettings settings = new TrafficSettings().seed(5).rate(40).customers(20_000);
        settings.incidents.schedule(Incident.CHECKOUT_OUTAGE, t0 + 40 * MINUTE, Duration.ofMinutes(20));
        Map<Stream, String> topics = new EnumMap<>(Stream.class);
        for (Stream s : Stream.values()) {
            topics.put(s, config.get(CxOptions.topicOf(s)));
        }
        String bootstrap = LocalStackExtension.kafka().bootstrapServers();
        new GeneratorRun(new TrafficSimulator(settings, t0), new KafkaPublisher(bootstrap, topics), null, false, t0,
                Duration.ofMinutes(100), 0).run();
        try (TestKafka kafka = new TestKafka(bootstrap)) {
            for (Stream s : new Stream[] {Stream.CLICKSTREAM, Stream.APP}) {
                for (int p = 0; p < TestPipelines.PARALLELISM; p++) {
                    long clock = t0 + 160 * MINUTE;
                    kafka.sendTo(topics.get(s), p, clock, "{\"event_id\":\"clock-" + s.id() + p + "\",\"type\":\""
                            + (s == Stream.APP ? "screen_view" : "page_view") + "\",\"ts\":\"" + Timestamps.format(clock)
                            + "\",\"session_id\":\"clock\"}");
                }
            }
        }

        JobClient job = TestPipelines.startSignalsJob(config);
        try (InfluxQueries influx = new InfluxQueries(LocalStackExtension.influx().url(),
                config.get(CxOptions.INFLUXDB_DATABASE))) {
            Eventually.within(Duration.ofMinutes(3), () -> {
                double errorsBefore = sum(influx, "cx_friction", "errors", "(page_type = 'checkout' OR screen = 'checkout')",
                        t0 + 10 * MINUTE, t0 + 30 * MINUTE);
                double errorsDuring = sum(influx, "cx_friction", "errors", "(page_type = 'checkout' OR screen = 'checkout')",
                        t0 + 40 * MINUTE, t0 + 60 * MINUTE);
                assertThat(errorsDuring).isGreaterThan(20).isGreaterThan(5 * (errorsBefore + 1));

                double failuresBefore = sum(influx, "cx_bad_experiences", "count", "kind = 'checkout_failure'",
                        t0 + 10 * MINUTE, t0 + 30 * MINUTE);
                double failuresDuring = sum(influx, "cx_bad_experiences", "count", "kind = 'checkout_failure'",
                        t0 + 40 * MINUTE, t0 + 60 * MINUTE);
                assertThat(failuresDuring).isGreaterThan(5 * (failuresBefore + 1));

                // a session is judged when it closes, 30 minutes after its last event, but counts at its own time
                double abandonedAtPaymentBefore = sum(influx, "cx_funnel", "abandoned", "step = 'add_payment_info'",
                        t0 + 10 * MINUTE, t0 + 30 * MINUTE);
                double abandonedAtPaymentDuring = sum(influx, "cx_funnel", "abandoned", "step = 'add_payment_info'",
                        t0 + 40 * MINUTE, t0 + 60 * MINUTE);
                assertThat(abandonedAtPaymentDuring).isGreaterThan(3 * (abandonedAtPaymentBefore + 1));
            });
        } finally {
            job.cancel().get();
        }
    }

    private static double sum(InfluxQueries influx, String measurement, String field, String where, long from, long to) {
        return influx.number("SELECT sum(\"" + field + "\") FROM " + measurement + " WHERE " + where
                + " AND time >= '" + Timestamps.format(from) + "' AND time < '" + Timestamps.format(to) + "'", "sum");
    }
}
