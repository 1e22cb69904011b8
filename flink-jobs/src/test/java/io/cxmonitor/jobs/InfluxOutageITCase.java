package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cxmonitor.events.Timestamps;
import io.cxmonitor.jobs.AlertsJob;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.TestPipelines;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.InfluxQueries;
import io.cxmonitor.localstack.InfluxServer;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * InfluxDB hung for 15 s, then stopped for 25 s, while traffic flows: every alert raised meanwhile
 * reaches {@code cx.alerts} within 2 s, and once InfluxDB is back it holds every minute of the outage.
 */
@ExtendWith(LocalStackExtension.class)
class InfluxOutageITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(5).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ALERT_WITHIN = Duration.ofSeconds(2);

    @Test
    void anInfluxDbOutageDelaysNoAlertAndLosesNoMinute() throws Exception {
        try (InfluxServer influx = InfluxServer.launch();
                TestKafka kafka = new TestKafka(LocalStackExtension.kafka().bootstrapServers())) {
            CxConfig config = TestPipelines.freshConfig(Map.of(CxOptions.INFLUXDB_URL.key(), influx.url(),
                    CxOptions.WATERMARK_IDLENESS.key(), "1 s"));
            String web = config.get(CxOptions.TOPIC_CLICKSTREAM);
            List<JobClient> jobs = new ArrayList<>();
            Map<String, Long> alertedAt = new ConcurrentHashMap<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread alertWatcher = new Thread(() -> watchAlerts(config, alertedAt, running), "alert-watcher");
            Thread traffic = new Thread(() -> {
                AtomicInteger n = new AtomicInteger();
                while (running.get()) {
                    long now = System.currentTimeMillis();
                    kafka.send(web, "s" + n.get() % 7, "{\"event_id\":\"v-" + n.incrementAndGet() + "\",\"type\":\"page_view\","
                            + "\"ts\":\"" + Timestamps.format(now) + "\",\"session_id\":\"s" + n.get() % 7 + "\"}");
                    sleep(500);
                }
            }, "traffic");
            try {
                jobs.add(TestPipelines.startInfluxJob(config));
                jobs.add(TestPipelines.start(SignalsJob.NAME, 2, env -> SignalsJob.define(env, config)));
                jobs.add(TestPipelines.start(AlertsJob.NAME, 2, env -> AlertsJob.define(env, config)));
                alertWatcher.start();
                traffic.start();
                long start = System.currentTimeMillis();
                try (InfluxQueries queries = new InfluxQueries(influx.url(), config.get(CxOptions.INFLUXDB_DATABASE))) {
                    Eventually.within(Duration.ofSeconds(60), () -> assertThat(eventsCounted(queries, start)).isPositive());
                }
                assertAlertsInTime(kafka, config, alertedAt, "warm", 2, jobs);

                ProcessHandle influxd = influx.influxdProcess().orElseThrow();
                signal("STOP", influxd);
                long outageStart = System.currentTimeMillis();
                assertAlertsInTime(kafka, config, alertedAt, "hung", 6, jobs);
                signal("CONT", influxd);
                influx.stop();
                assertAlertsInTime(kafka, config, alertedAt, "stopped", 10, jobs);
                long outageEnd = System.currentTimeMillis();
                influx.start();

                try (InfluxQueries queries = new InfluxQueries(influx.url(), config.get(CxOptions.INFLUXDB_DATABASE))) {
                    Eventually.within(Duration.ofSeconds(90), () -> {
                        for (long minute = outageStart / 60_000 * 60_000; minute < outageEnd; minute += 60_000) {
                            assertThat(queries.number("SELECT sum(\"count\") FROM cx_events WHERE time = '"
                                    + Timestamps.format(minute + 60_000) + "'", "sum"))
                                    .as("page views of the minute from %s", Timestamps.format(minute)).isPositive();
                        }
                        assertThat(queries.rows("SELECT * FROM cx_alerts")).hasSize(alertedAt.size());
                    });
                }
                TestPipelines.assertRunning(jobs);
            } finally {
                running.set(false);
                traffic.join(5_000);
                alertWatcher.join(5_000);
                TestPipelines.cancel(jobs);
            }
        }
    }

    /** Sends one-star reviews of new customers, one every 2.5 s, and checks each is alerted within 2 s. */
    private static void assertAlertsInTime(TestKafka kafka, CxConfig config, Map<String, Long> alertedAt, String phase,
            int reviews, List<JobClient> jobs) throws Exception {
        for (int i = 0; i < reviews; i++) {
            String customer = phase + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 8);
            long sent = System.currentTimeMillis();
            kafka.send(config.get(CxOptions.TOPIC_REVIEWS), customer, "{\"event_id\":\"r-" + customer + "\","
                    + "\"type\":\"review\",\"ts\":\"" + Timestamps.format(sent) + "\",\"customer_id\":\"" + customer
                    + "\",\"rating\":1,\"text\":\"Terrible, never again.\"}");
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(alertedAt).containsKey(customer));
            assertThat(Duration.ofMillis(alertedAt.get(customer) - sent)).as("%s: the alert of %s", phase, customer)
                    .isLessThanOrEqualTo(ALERT_WITHIN);
            TestPipelines.assertRunning(jobs);
            sleep(2_500 - (System.currentTimeMillis() - sent));
        }
    }

    private static void watchAlerts(CxConfig config, Map<String, Long> alertedAt, AtomicBoolean running) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS),
                ConsumerConfig.GROUP_ID_CONFIG, "outage-watcher-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(config.get(CxOptions.TOPIC_ALERTS)));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    JsonNode alert = JSON.readTree(r.value());
                    alertedAt.putIfAbsent(alert.get("customer_id").asText(), now);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double eventsCounted(InfluxQueries queries, long since) {
        return queries.number("SELECT sum(\"count\") FROM cx_events WHERE time >= '" + Timestamps.format(since) + "'",
                "sum");
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(0, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
