package io.cxmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.privacy.Pseudonyms;
import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.localstack.KafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code ./cxmon whois}: from a pseudonym of InfluxDB back to the customer, through the alerts on Kafka and the key. */
class WhoisCommandITCase {

    private static final String SECRET = "the key cx-alerts runs with";

    private static Alert alert(String customer, String id) {
        Alert a = new Alert();
        a.alertId = id;
        a.dedupKey = "switching-risk:" + customer;
        a.status = "firing";
        a.customerId = customer;
        a.riskScore = 0.7;
        a.severity = "high";
        a.firstKind = "low_csat";
        a.firstTouchpoint = "support";
        a.triggerKind = "low_csat";
        a.triggerTs = 1_795_424_400_000L;
        a.firstTs = a.triggerTs;
        a.firstEventIds = new String[] {"e-" + id};
        a.triggerEventIds = a.firstEventIds;
        a.summary = a.summaryNaming("Customer " + customer);
        return a;
    }

    private static int whois(String bootstrap, String pseudonym, String secret, StringBuilder printed) {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return new CommandLine(new WhoisCommand()).execute(pseudonym, "--set", "kafka.bootstrap-servers=" + bootstrap,
                    "--set", "topics.alerts=whois.alerts", "--set", "privacy.pseudonym-secret=" + secret);
        } finally {
            System.setOut(before);
            printed.append(out.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aPseudonymLeadsBackToItsCustomerOnlyWithTheKey() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start()) {
            kafka.createTopics(2, "whois.alerts");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
                producer.send(new ProducerRecord<>("whois.alerts", "c-000412", AlertJson.write(alert("c-000412", "al-1"))));
                producer.send(new ProducerRecord<>("whois.alerts", "c-000007", AlertJson.write(alert("c-000007", "al-2"))));
                producer.send(new ProducerRecord<>("whois.alerts", "x", "not an alert".getBytes(StandardCharsets.UTF_8)));
                producer.flush();
            }
            String pseudonym = new Pseudonyms(SECRET).of("c-000412");

            StringBuilder printed = new StringBuilder();
            assertThat(whois(kafka.bootstrapServers(), pseudonym, SECRET, printed)).isZero();
            assertThat(printed.toString()).contains(pseudonym + " is customer c-000412").contains("al-1")
                    .doesNotContain("c-000007");

            StringBuilder wrongKey = new StringBuilder();
            assertThat(whois(kafka.bootstrapServers(), pseudonym, "another key, long enough", wrongKey)).isEqualTo(1);
            assertThat(wrongKey.toString()).doesNotContain("c-000412").contains("No alert");

            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
                producer.send(new ProducerRecord<>("whois.alerts", "c-000412", null)); // forgotten on request
            }
            StringBuilder forgotten = new StringBuilder();
            assertThat(whois(kafka.bootstrapServers(), pseudonym, SECRET, forgotten)).as("before compaction, too").isEqualTo(1);
            assertThat(forgotten.toString()).doesNotContain("c-000412");
        }
    }
}
