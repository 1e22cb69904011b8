package io.cxmonitor.jobs.ingest;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.DeadLetter;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.jobs.common.types.CxEventType;
import io.cxmonitor.jobs.common.windows.EventTimeWatermarks;
import java.util.ArrayList;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The entry of the signals: the Kafka source of the four input topics, which parses each record
 * against the event contract and assigns event time and watermarks, and the split of valid
 * {@link CxEvent}s from the dead letters of refused records.
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

    /** Refused records, for the dead-letter topic. */
    public DataStream<DeadLetter> deadLetters() {
        return deadLetters;
    }

    /** Splits parsed records into valid events and the dead letters of the refused ones. */
    public static EventIngest split(DataStream<ParsedRecord> records) {
        SingleOutputStreamOperator<CxEvent> events = records
                .process(new SplitDeadLetters(), CxEventType.INSTANCE)
                .uid("split-dead-letters")
                .name("Split off dead letters");
        return new EventIngest(events, events.getSideOutput(SplitDeadLetters.DEAD_LETTERS));
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

    /** The dead-letter topic. */
    public static KafkaSink<DeadLetter> deadLetterSink(CxConfig config) {
        return KafkaTopics.sink(config, config.get(CxOptions.TOPIC_DEADLETTER), KafkaTopics.unkeyed(),
                new DeadLetterSerializer());
    }
}
