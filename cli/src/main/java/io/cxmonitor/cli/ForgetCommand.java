package io.cxmonitor.cli;

import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.domain.privacy.PrivacyJson;
import io.cxmonitor.jobs.AlertsJob;
import io.cxmonitor.jobs.SignalsJob;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./cxmon forget CUSTOMER_ID}: asks every job to forget a customer (SPEC 8) by a request on
 * {@code cx.privacy}, and waits for each job's acknowledgement. A job acknowledges once all its
 * operators have dropped the customer's state and it has tombstoned their key on the topic it
 * writes per customer. A job that is not running applies the request when it starts.
 */
@Command(name = "forget", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "Forget a customer on request (GDPR art. 17): every job drops their state and tombstones their "
                + "records on cx.alerts and cx.experiences; waits for each job's acknowledgement.")
final class ForgetCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CUSTOMER_ID", description = "The customer's id, as the events carry it.")
    String customerId;

    @Option(names = "--request-id", paramLabel = "ID", description = "Names the request in the acknowledgements "
            + "(default: a random UUID), e.g. the ticket of the erasure request.")
    String requestId = UUID.randomUUID().toString();

    @Option(names = "--jobs", split = ",", paramLabel = "JOB", description = "The jobs whose acknowledgement to wait "
            + "for (default: ${DEFAULT-VALUE}).")
    List<String> jobs = List.of(SignalsJob.NAME, AlertsJob.NAME);

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for the acknowledgements (default: 2 min).")
    Duration wait = Duration.ofMinutes(2);

    @Mixin
    ConfigOptions configOptions;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        CxConfig config = configOptions.load(Map.of());
        String topic = config.get(CxOptions.TOPIC_PRIVACY);
        if (customerId.isEmpty() || !config.eventLimits().fitsIdLimit(customerId)) {
            out.println("A customer id is 1 to " + config.eventLimits().maxIdLength() + " characters.");
            return 2;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(config);
                KafkaProducer<byte[], byte[]> producer = KafkaClients.producer(config)) {
            // from the end as it is before the request: every acknowledgement of it comes after
            consumer.seekToEnd(KafkaClients.assignAll(consumer, topic));
            consumer.assignment().forEach(consumer::position);
            producer.send(new ProducerRecord<>(topic, customerId.getBytes(StandardCharsets.UTF_8),
                    PrivacyJson.write(new ForgetRequest(customerId, requestId)))).get();
            out.println("Asked on " + topic + " to forget the customer (request " + requestId + "); waiting for "
                    + String.join(", ", jobs) + ".");

            Set<String> waiting = new LinkedHashSet<>(jobs);
            long deadline = System.nanoTime() + wait.toNanos();
            while (!waiting.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    PrivacyJson.Acknowledgement ack = PrivacyJson.readAcknowledgement(r.value());
                    if (ack != null && ack.requestId().equals(requestId) && waiting.remove(ack.job())) {
                        out.println("  " + ack.job() + " forgot the customer at " + Instant.ofEpochMilli(ack.at()));
                    }
                }
            }
            if (!waiting.isEmpty()) {
                out.println("Not acknowledged within " + wait.toSeconds() + " s by " + String.join(", ", waiting)
                        + ". The request stays on " + topic + ": a job applies it when it runs again (it reads "
                        + topic + " from where it left off). Check that the job runs, e.g. ./cxmon cluster status.");
                return 1;
            }
            out.println("Forgotten by every job. Their records on " + config.get(CxOptions.TOPIC_ALERTS) + " and "
                    + config.get(CxOptions.TOPIC_EXPERIENCES) + " are tombstoned: they are erased when Kafka compacts "
                    + "those topics, or when their retention passes.");
            return 0;
        }
    }
}
