package io.cxmonitor.jobs.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmonitor.events.Timestamps;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.TestPipelines;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.localstack.Eventually;
import io.cxmonitor.localstack.KafkaBroker;
import io.cxmonitor.localstack.TestNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The jobs on a broker that authenticates every client (SASL/SCRAM-SHA-512) and authorizes it by
 * ACLs: with the credentials of its user, given as {@code kafka.properties.*}, cx-signals reads the
 * input topics and publishes its points; a client that logs in as someone without ACLs can neither
 * read an input topic nor write the alert-control or alerts topic, and one without credentials
 * cannot even connect.
 */
class SecuredKafkaITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final String JOBS = "cx-jobs";
    private static final Map<String, String> USERS = Map.of(KafkaBroker.ADMIN, "admin-secret", JOBS, "jobs-secret",
            "intruder", "intruder-secret");

    @Test
    void withCredentialsTheJobsWorkAndWithoutThemNobodyReadsTheInputsOrWritesTheControls() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.startWithUsers(USERS)) {
            String group = TestNames.unique("cxmon");
            Map<String, String> values = new LinkedHashMap<>();
            values.put(CxOptions.KAFKA_BOOTSTRAP_SERVERS.key(), kafka.bootstrapServers());
            values.put(CxOptions.KAFKA_GROUP_ID.key(), group);
            values.put(CxOptions.CHECKPOINT_INTERVAL.key(), "1 s");
            KafkaBroker.saslClient(JOBS, USERS.get(JOBS)).forEach((k, v) -> values.put(CxConfig.KAFKA_PROPERTIES + k, v));
            CxConfig config = CxConfig.load(Map.of(), Map.of(), values);
            kafka.createTopics(2, KafkaTopics.all(config));
            try (Admin admin = kafka.admin()) {
                admin.createAcls(List.of(
                        allow(new ResourcePattern(ResourceType.TOPIC, "cx.", PatternType.PREFIXED)),
                        allow(new ResourcePattern(ResourceType.GROUP, group, PatternType.PREFIXED)))).all().get();
            }
            // the broker's authorizer learns new ACLs from the metadata log, a moment after they are created
            Map<String, Object> asJobs = new HashMap<>(KafkaBroker.saslClient(JOBS, USERS.get(JOBS)));
            asJobs.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (Admin jobsAdmin = Admin.create(asJobs)) {
                Eventually.within(Duration.ofSeconds(30), () -> jobsAdmin.describeTopics(
                        List.of(config.get(CxOptions.TOPIC_CLICKSTREAM))).allTopicNames().get());
            }

            List<JobClient> jobs = new ArrayList<>();
            try {
                jobs.add(TestPipelines.start(SignalsJob.NAME, 1, env -> SignalsJob.define(env, config)));
                long now = System.currentTimeMillis();
                try (KafkaProducer<String, String> producer = producer(kafka, KafkaBroker.saslClient(JOBS, USERS.get(JOBS)))) {
                    for (int i = 0; i < 20; i++) {
                        producer.send(new ProducerRecord<>(config.get(CxOptions.TOPIC_CLICKSTREAM), "s-" + i,
                                "{\"event_id\":\"e-" + i + "\",\"type\":\"page_view\",\"ts\":\"" + Timestamps.format(now)
                                        + "\",\"session_id\":\"s-" + i + "\",\"page_type\":\"home\"}")).get();
                    }
                }
                List<ConsumerRecord<String, String>> points = read(kafka, KafkaBroker.saslClient(KafkaBroker.ADMIN,
                        USERS.get(KafkaBroker.ADMIN)), config.get(CxOptions.TOPIC_POINTS));
                assertThat(points).as("with its credentials, cx-signals read the events and published points")
                        .anySatisfy(r -> assertThat(r.value()).startsWith("cx_events,"));
                TestPipelines.assertRunning(jobs);
            } finally {
                TestPipelines.cancel(jobs);
            }

            Map<String, String> intruder = KafkaBroker.saslClient("intruder", USERS.get("intruder"));
            assertThatThrownBy(() -> read(kafka, intruder, config.get(CxOptions.TOPIC_CLICKSTREAM)))
                    .as("a user without ACLs reads no input").isInstanceOf(AuthorizationException.class);
            for (String topic : List.of(config.get(CxOptions.TOPIC_ALERT_CONTROL), config.get(CxOptions.TOPIC_ALERTS))) {
                try (KafkaProducer<String, String> producer = producer(kafka, intruder)) {
                    assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "{\"threshold\":1}")).get())
                            .as("a user without ACLs writes nothing to " + topic)
                            .isInstanceOf(ExecutionException.class).hasRootCauseInstanceOf(AuthorizationException.class);
                }
            }
            try (KafkaProducer<String, String> nobody = producer(kafka, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, "3000"))) {
                assertThatThrownBy(() -> nobody.send(new ProducerRecord<>(config.get(CxOptions.TOPIC_ALERT_CONTROL),
                        "{\"threshold\":1}")).get()).as("a client without credentials gets nowhere").isNotNull();
            }
        }
    }

    private static AclBinding allow(ResourcePattern resource) {
        return new AclBinding(resource, new AccessControlEntry("User:" + JOBS, "*", AclOperation.ALL, AclPermissionType.ALLOW));
    }

    private static KafkaProducer<String, String> producer(KafkaBroker kafka, Map<String, String> security) {
        Map<String, Object> p = new HashMap<>(security);
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        return new KafkaProducer<>(p);
    }

    /** The records of a topic, read until some arrive or the time is up; an authorization failure is thrown. */
    private static List<ConsumerRecord<String, String>> read(KafkaBroker kafka, Map<String, String> security, String topic) {
        Map<String, Object> p = new HashMap<>(security);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, TestNames.unique("reader"));
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            }
        }
        return records;
    }
}
