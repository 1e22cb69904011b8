package io.cxmonitor.jobs.ingest;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.DeadLetter;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.config.CxConfig;
import io.cxmonitor.jobs.config.CxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The entry of every job: reads the four input topics, parses each record against the event
 * contract, assigns event time and watermarks, and sends refused records to the dead-letter topic.
 * What comes out is a stream of valid {@link CxEvent}s in event time.
 */
public final class EventIngest {

    private final DataStream<CxEvent> events;
    private final DataStream<DeadLetter> deadLetters;

    private EventIngest(DataStream<CxEvent> events, DataStream<DeadLetter> deadLetters) {
        this.events = events;
        this.deadLetters = deadLetters;
    }

    /** Valid events of all four streams, with event-time timestamps and watermarks. */
    public DataStream<CxEvent> events() {
        return events;
    }

    /** Refused records; they are already on their way to the dead-letter topic. */
    public DataStream<DeadLetter> deadLetters() {
        return deadLetters;
    }

    public static EventIngest attach(StreamExecutionEnvironment env, CxConfig config, String jobName) {
        SingleOutputStreamOperator<CxEvent> events = env
                .fromSource(source(config, jobName), watermarks(config), "Kafka: CX events")
                .uid("kafka-source")
                .process(new SplitDeadLetters())
                .uid("split-dead-letters")
                .name("Split off dead letters");
        DataStream<DeadLetter> deadLetters = events.getSideOutput(SplitDeadLetters.DEAD_LETTERS);
        deadLetters.sinkTo(deadLetterSink(config))
                .uid("dead-letter-sink")
                .name("Kafka: dead letters");
        return new EventIngest(events, deadLetters);
    }

    /** The Kafka source of the four input topics, parsing every record; never fails on bad input. */
    public static KafkaSource<ParsedRecord> source(CxConfig config, String jobName) {
        Map<String, Stream> streamsByTopic = new LinkedHashMap<>();
        for (Stream stream : Stream.values()) {
            streamsByTopic.put(config.get(CxOptions.topicOf(stream)), stream);
        }
        KafkaSourceBuilder<ParsedRecord> builder = KafkaSource.<ParsedRecord>builder()
                .setBootstrapServers(config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setTopics(new ArrayList<>(streamsByTopic.keySet()))
                .setGroupId(config.get(CxOptions.KAFKA_GROUP_ID) + "-" + jobName)
                .setStartingOffsets(startingOffsets(config.get(CxOptions.KAFKA_STARTING_OFFSETS)))
                .setDeserializer(new RecordParser(streamsByTopic,
                        (int) config.get(CxOptions.EVENTS_MAX_SIZE).getBytes(),
                        config.get(CxOptions.EVENTS_MAX_FUTURE)));
        if (config.get(CxOptions.KAFKA_BOUNDED)) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * Bounded out-of-orderness per Kafka partition, with idleness so that a quiet partition does
     * not hold back event time; only valid events move the watermark.
     */
    public static WatermarkStrategy<ParsedRecord> watermarks(CxConfig config) {
        Duration outOfOrderness = config.get(CxOptions.WATERMARK_OUT_OF_ORDERNESS);
        Duration idleness = config.get(CxOptions.WATERMARK_IDLENESS);
        return WatermarkStrategy.<ParsedRecord>forGenerator(ctx -> new ValidEventsOnly(
                        new WatermarksWithIdleness<>(new BoundedOutOfOrdernessWatermarks<>(outOfOrderness),
                                idleness, ctx.getInputActivityClock())))
                .withTimestampAssigner((record, kafkaTimestamp) -> record.timestamp());
    }

    private static OffsetsInitializer startingOffsets(CxOptions.StartingOffsets offsets) {
        switch (offsets) {
            case EARLIEST:
                return OffsetsInitializer.earliest();
            case LATEST:
                return OffsetsInitializer.latest();
            default:
                return OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
        }
    }

    private static KafkaSink<DeadLetter> deadLetterSink(CxConfig config) {
        String topic = config.get(CxOptions.TOPIC_DEADLETTER);
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS))
                .setRecordSerializer(KafkaRecordSerializationSchema.<DeadLetter>builder()
                        .setTopic(topic)
                        .setValueSerializationSchema(new DeadLetterSerializer())
                        .build())
                // flushed on every checkpoint: a dead letter is never lost
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }
}
