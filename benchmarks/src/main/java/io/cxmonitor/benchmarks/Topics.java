package io.cxmonitor.benchmarks;

import io.cxmonitor.domain.risk.Alert;
import io.cxmonitor.domain.risk.AlertJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads a topic back to its end, for the benchmarks' figures. */
final class Topics {

    private Topics() {}

    /** Every record of a topic, from the beginning until it has been quiet for 3 s. */
    static void readAll(String bootstrap, String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            int empty = 0;
            while (empty < 10) {
                var records = consumer.poll(Duration.ofMillis(300));
                empty = records.isEmpty() ? empty + 1 : 0;
                records.forEach(each);
            }
        }
    }

    static List<Alert> alerts(String bootstrap, String topic) {
        List<Alert> alerts = new ArrayList<>();
        readAll(bootstrap, topic, r -> {
            try {
                alerts.add(AlertJson.read(r.value()));
            } catch (IOException e) {
                throw new UncheckedIOException("not an alert on " + topic + ": " + e.getMessage(), e);
            }
        });
        return alerts;
    }
}
