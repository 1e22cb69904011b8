package io.cxmonitor.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.domain.privacy.PrivacyJson;
import io.cxmonitor.events.EventLimits;
import io.cxmonitor.localstack.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./cxmon forget}: the request it writes, and how it waits for the jobs. The jobs here are
 * stand-ins on a thread that acknowledge as the real ones do (ForgetACustomerITCase proves those);
 * this is about the command's side of cx.privacy.
 */
class ForgetCommandITCase {

    private static final String TOPIC = "forget.privacy";

    @Test
    void theRequestIsKeyedByTheCustomerAndTheCommandWaitsForEveryJob() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start()) {
            kafka.createTopics(2, TOPIC);
            List<ForgetRequest> seen = new ArrayList<>();
            try (var jobs = new AcknowledgingJobs(kafka.bootstrapServers(), List.of("cx-signals", "cx-alerts"), seen)) {
                StringBuilder printed = new StringBuilder();
                assertThat(forget(kafka.bootstrapServers(), printed, "c-000412", "--request-id", "dsr-17")).isZero();
                assertThat(printed.toString()).contains("cx-signals forgot the customer", "cx-alerts forgot the customer",
                        "Forgotten by every job");
            }
            assertThat(seen).singleElement().satisfies(r -> assertThat(r.customerId + " " + r.requestId)
                    .isEqualTo("c-000412 dsr-17"));
        }
    }

    @Test
    void aJobThatDoesNotAnswerIsNamedAndTheExitCodeSaysSo() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start()) {
            kafka.createTopics(1, TOPIC);
            try (var jobs = new AcknowledgingJobs(kafka.bootstrapServers(), List.of("cx-signals"), new ArrayList<>())) {
                StringBuilder printed = new StringBuilder();
                assertThat(forget(kafka.bootstrapServers(), printed, "c-000412", "--wait", "3 s")).isEqualTo(1);
                assertThat(printed.toString()).contains("cx-signals forgot the customer")
                        .contains("Not acknowledged within 3 s by cx-alerts").doesNotContain("Forgotten by every job");
            }
        }
    }

    private static int forget(String bootstrap, StringBuilder printed, String... args) {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, UTF_8));
        try {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--set", "kafka.bootstrap-servers=" + bootstrap, "--set", "topics.privacy=" + TOPIC));
            return new CommandLine(new ForgetCommand()).execute(all.toArray(String[]::new));
        } finally {
            System.setOut(before);
            printed.append(out.toString(UTF_8));
        }
    }

    /** Stand-ins for the jobs: each request they read is acknowledged by every one of them. */
    private static final class AcknowledgingJobs implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        AcknowledgingJobs(String bootstrap, List<String> names, List<ForgetRequest> seen) {
            thread = new Thread(() -> {
                try (var consumer = new KafkaConsumer<byte[], byte[]>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, "stand-in-jobs",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
                        var producer = new KafkaProducer<byte[], byte[]>(Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
                    consumer.subscribe(List.of(TOPIC));
                    while (running.get()) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                            ForgetRequest request = PrivacyJson.readRequest(r.value(), EventLimits.DEFAULT, "unnamed");
                            if (request == null) {
                                continue; // an acknowledgement
                            }
                            assertThat(new String(r.key(), UTF_8)).isEqualTo(request.customerId);
                            synchronized (seen) {
                                seen.add(request);
                            }
                            for (String job : names) {
                                producer.send(new ProducerRecord<>(TOPIC, request.requestId.getBytes(UTF_8), PrivacyJson.write(
                                        new PrivacyJson.Acknowledgement(request.requestId, job, System.currentTimeMillis()))));
                            }
                            producer.flush();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "stand-in-jobs");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }
}
