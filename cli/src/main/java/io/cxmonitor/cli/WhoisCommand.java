package io.cxmonitor.cli;

import io.cxmonitor.domain.privacy.Pseudonyms;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.jobs.common.config.ConfigException;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ./cxmon whois PSEUDONYM}: who is behind a pseudonym of the Grafana tables. A pseudonym
 * cannot be reversed, so this reads the alerts on Kafka, which name customers, and keys each
 * customer id with the same secret until one matches; it prints that customer and their alerts.
 * Only someone who can read {@code cx.alerts} and holds the secret can do it.
 */
@Command(name = "whois", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "Resolve a customer pseudonym of InfluxDB and Grafana, with the pseudonym key, from the alerts on Kafka.")
final class WhoisCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PSEUDONYM", description = "As shown in Grafana, e.g. p-3f9c0e21d4b87a66.")
    String pseudonym;

    @Mixin
    ConfigOptions configOptions;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        CxConfig config = configOptions.load(LocalPseudonymSecret.withDefault(Map.of()), Map.of());
        String secret = config.get(CxOptions.PRIVACY_PSEUDONYM_SECRET);
        if (secret.isEmpty()) {
            throw new ConfigException(CxOptions.PRIVACY_PSEUDONYM_SECRET.key() + " is not set, so the pseudonym cannot "
                    + "be resolved. Fix: set CX_PRIVACY_PSEUDONYM_SECRET to the key cx-alerts runs with.");
        }
        Pseudonyms pseudonyms = new Pseudonyms(secret);
        String topic = config.get(CxOptions.TOPIC_ALERTS);
        // a customer's alerts by record key, until a tombstone says the customer was forgotten
        Map<String, List<Alert>> byKey = new HashMap<>();
        readToEnd(config, topic, record -> {
            String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
            if (record.value() == null) {
                byKey.remove(key);
                return;
            }
            try {
                Alert a = AlertJson.read(record.value());
                if (pseudonym.equals(pseudonyms.of(a.customerId))) {
                    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(a);
                }
            } catch (IOException notAnAlert) {
                // nothing to resolve there
            }
        });
        List<Alert> theirs = byKey.values().stream().flatMap(List::stream).toList();
        if (theirs.isEmpty()) {
            out.println("No alert on " + topic + " is of " + pseudonym + ": the customer's alerts are gone from the topic "
                    + "(retention, or erased on request), or the key differs from the one cx-alerts runs with.");
            return 1;
        }
        out.println(pseudonym + " is customer " + theirs.get(0).customerId + ":");
        for (Alert a : theirs) {
            out.println("  " + Instant.ofEpochMilli(a.triggerTs) + " " + a.status + " " + a.alertId + ": " + a.summary);
        }
        return 0;
    }

    /**
     * Every record of the topic up to its end when the command started, by partition assignment:
     * no consumer group, so nothing is committed and no group ACL is needed.
     */
    private static void readToEnd(CxConfig config, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(config)) {
            List<TopicPartition> partitions = KafkaClients.assignAll(consumer, topic);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(each);
            }
        }
    }
}
