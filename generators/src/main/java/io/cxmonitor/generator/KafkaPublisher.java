package io.cxmonitor.generator;

import io.cxmonitor.events.EventWriter;
import io.cxmonitor.events.Stream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records to their stream's topic. The record key is the customer id, else the anonymous
 * or session id (SPEC section 2), so a customer's events stay in order on one partition; the
 * record timestamp is the event time.
 */
public final class KafkaPublisher implements EventPublisher {

    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<Stream, String> topics;
    private final EventWriter writer = new EventWriter();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaPublisher(String bootstrapServers, Map<Stream, String> topics) {
        this(bootstrapServers, topics, Map.of());
    }

    /** @param clientProperties further producer properties, e.g. security.protocol and sasl.jaas.config */
    public KafkaPublisher(String bootstrapServers, Map<Stream, String> topics, Map<String, String> clientProperties) {
        this.topics = new EnumMap<>(topics);
        // Idempotent, so that a retried batch (a partition's leader not ready on a fresh topic, a
        // slow broker) is written once and in its place: with acks=1 the producer retries without
        // idempotence, and a batch retried behind the next one put a customer's later events first.
        // One request in flight: a request that timed out was often written all the same, and
        // retried behind later batches that were, the broker refused it as out of order until it
        // expired. A lone request's retry is recognised as a duplicate. A slow broker is waited
        // for (two minutes a request, ten in all), not asked again after the default 30 seconds.
        Map<String, Object> properties = new HashMap<>(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000,
                ProducerConfig.LINGER_MS_CONFIG, 50,
                ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"));
        properties.putAll(clientProperties);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(properties);
    }

    /** Default topic names, {@code cx.<stream>}. */
    public static Map<Stream, String> defaultTopics() {
        Map<Stream, String> topics = new EnumMap<>(Stream.class);
        for (Stream s : Stream.values()) {
            topics.put(s, s.defaultTopic());
        }
        return topics;
    }

    @Override
    public void publish(Generated record) {
        send(record.stream, record.key, record.timestamp,
                record.malformed != null ? record.malformed : writer.write(record.event));
    }

    /** Sends one record as it is. */
    public void send(Stream stream, String key, long timestamp, byte[] value) {
        Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("Kafka refused generated records: " + error.getMessage(), error);
        }
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        producer.send(new ProducerRecord<>(topics.get(stream), null, timestamp, keyBytes, value), (meta, e) -> {
            if (e != null) {
                failure.compareAndSet(null, e);
            }
        });
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
        Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("Kafka refused generated records: " + error.getMessage(), error);
        }
    }
}
