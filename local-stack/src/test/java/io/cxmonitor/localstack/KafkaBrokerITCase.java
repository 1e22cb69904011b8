package io.cxmonitor.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerITCase {

    @Test
    void producesAndConsumesThroughARealBroker() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopics(2, "probe");
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
                producer.send(new ProducerRecord<>("probe", "k", "hello")).get();
                // larger than the pipeline's 1 MiB limit: the broker must accept it
                producer.send(new ProducerRecord<>("probe", "k", "x".repeat(2 * 1024 * 1024))).get();
            }
            try (var consumer = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "probe",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                consumer.subscribe(List.of("probe"));
                int seen = 0;
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                String first = null;
                while (seen < 2 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        if (first == null) {
                            first = r.value();
                        }
                        seen++;
                    }
                }
                assertThat(seen).isEqualTo(2);
                assertThat(first).isEqualTo("hello");
            }
        }
    }
}
