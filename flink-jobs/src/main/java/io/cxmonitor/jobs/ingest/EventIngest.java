package io.cxmonitor.jobs.ingest;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.DeadLetter;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.config.CxConfig;
import io.cxmonitor.jobs.config.CxOptions;
import io.cxmonitor.jobs.kafka.KafkaTopics;
import io.cxmonitor.jobs.time.EventTimeWatermarks;
import java.util.ArrayList;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

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
        Map<String, Stream> streamsByTopic = KafkaTopics.inputTopics(config);
        return KafkaTopics.source(config, jobName, "", new ArrayList<>(streamsByTopic.keySet()),
                new RecordParser(streamsByTopic, config.eventLimits()), KafkaTopics.WithoutCommit.EARLIEST);
    }

    /** Event time of valid events ({@link EventTimeWatermarks}); a dead letter moves nothing. */
    public static WatermarkStrategy<ParsedRecord> watermarks(CxConfig config) {
        return EventTimeWatermarks.of(config, ParsedRecord::timestamp, ParsedRecord::hasEvent);
    }

    private static KafkaSink<DeadLetter> deadLetterSink(CxConfig config) {
        return KafkaTopics.sink(config, config.get(CxOptions.TOPIC_DEADLETTER), new KafkaTopics.NoKey<>(),
                new DeadLetterSerializer());
    }
}
