package io.cxmonitor.jobs.common.kafka;

import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The Kafka sources and sinks of every job, built one way: the configured brokers, a consumer
 * group per job and input, {@code kafka.starting-offsets} and {@code kafka.bounded} honoured, and
 * sinks that flush on every checkpoint (at least once).
 */
public final class KafkaTopics {

    /** The topic of each stream, for producers. */
    public static Map<Stream, String> byStream(CxConfig config) {
        Map<Stream, String> topics = new EnumMap<>(Stream.class);
        for (Stream stream : Stream.values()) {
            topics.put(stream, config.get(CxOptions.topicOf(stream)));
        }
        return topics;
    }

    /** Every topic the jobs read or write, for tools that create them. */
    public static List<String> all(CxConfig config) {
        List<String> topics = new ArrayList<>();
        for (ConfigOption<String> topic : CxOptions.topics()) {
            topics.add(config.get(topic));
        }
        return topics;
    }

    /** Where a consumer group without committed offsets starts reading. */
    public enum WithoutCommit {
        /** Data: from the start of what the topic keeps. */
        EARLIEST,
        /**
         * Notifications: what was published since the job was defined (less {@link #CLOCK_SKEW}),
         * not a week of history, and nothing lost while its readers start.
         */
        SINCE_DEFINED
    }

    /** How far the clocks of the submitting client and of the brokers may differ. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private KafkaTopics() {}

    /** The topic of each input stream, in stream order. */
    public static Map<String, Stream> inputTopics(CxConfig config) {
        Map<String, Stream> topics = new LinkedHashMap<>();
        byStream(config).forEach((stream, topic) -> topics.put(topic, stream));
        return topics;
    }

    /**
     * The consumer group of a job's input: {@code <kafka.group-id>-<job>-<input>}, or
     * {@code <kafka.group-id>-<job>} for a job's one input ({@code input} empty). Its committed
     * offsets are what a checkpoint of the job holds.
     */
    public static String groupId(CxConfig config, String job, String input) {
        return config.get(CxOptions.KAFKA_GROUP_ID) + "-" + job + (input.isEmpty() ? "" : "-" + input);
    }

    /**
     * A source of {@code topics} for the consumer group {@code <kafka.group-id>-<job>-<input>}, with
     * the client properties of {@code kafka.properties.*} (security, SASL, TLS).
     *
     * @param withoutCommit where a group without committed offsets starts when
     *     {@code kafka.starting-offsets} is COMMITTED
     */
    @SuppressWarnings("deprecation") // the connector still takes Kafka's OffsetResetStrategy
    public static <T> KafkaSource<T> source(CxConfig config, String job, String input, List<String> topics,
            KafkaRecordDeserializationSchema<T> deserializer, WithoutCommit withoutCommit) {
        KafkaSourceBuilder<T> builder = KafkaSource.<T>builder()
                .setBootstrapServers(config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setTopics(topics)
                .setGroupId(groupId(config, job, input))
                .setStartingOffsets(switch (config.get(CxOptions.KAFKA_STARTING_OFFSETS)) {
                    case EARLIEST -> OffsetsInitializer.earliest();
                    case LATEST -> OffsetsInitializer.latest();
                    case COMMITTED -> withoutCommit == WithoutCommit.SINCE_DEFINED
                            ? new CommittedOrSince(System.currentTimeMillis() - CLOCK_SKEW.toMillis())
                            : OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
                })
                .setDeserializer(deserializer);
        if (config.get(CxOptions.KAFKA_BOUNDED)) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        config.kafkaProperties().forEach(builder::setProperty);
        return builder.build();
    }

    /**
     * The record key of an element as text, sent as UTF-8. Records of one key share a partition, so
     * a customer's alerts, or a series' points, stay in order.
     */
    @FunctionalInterface
    public interface KeyOf<T> extends Serializable {
        String of(T element);
    }

    /** For records without a key: the producer spreads them over the partitions. */
    public static <T> KeyOf<T> unkeyed() {
        return element -> null;
    }

    /** An at-least-once sink to {@code topic}: flushed on every checkpoint, so nothing is lost. */
    public static <T> KafkaSink<T> sink(CxConfig config, String topic, KeyOf<T> key, SerializationSchema<T> value) {
        KafkaSinkBuilder<T> builder = KafkaSink.<T>builder()
                .setBootstrapServers(config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setRecordSerializer(new AtProduceTime<>(topic, key, value))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE);
        config.kafkaProperties().forEach(builder::setProperty);
        return builder.build();
    }

    /**
     * Records stamped with the time they are produced, not with the event time of the element:
     * Kafka refuses records stamped more than an hour ahead (a valid event may be a day ahead) and
     * deletes those stamped before the retention period (a backfill of last month) at once. The
     * event time travels in each record's JSON.
     */
    static final class AtProduceTime<T> implements KafkaRecordSerializationSchema<T> {
        private final String topic;
        private final KeyOf<T> key;
        private final SerializationSchema<T> value;

        AtProduceTime(String topic, KeyOf<T> key, SerializationSchema<T> value) {
            this.topic = topic;
            this.key = key;
            this.value = value;
        }

        @Override
        public void open(SerializationSchema.InitializationContext context, KafkaSinkContext sinkContext)
                throws Exception {
            value.open(context);
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
            String k = key.of(element);
            return new ProducerRecord<>(topic, null, null, k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                    value.serialize(element));
        }
    }
}
