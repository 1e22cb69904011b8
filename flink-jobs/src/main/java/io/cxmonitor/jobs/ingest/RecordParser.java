package io.cxmonitor.jobs.ingest;

import io.cxmonitor.events.DeadLetter;
import io.cxmonitor.events.EventLimits;
import io.cxmonitor.events.EventReader;
import io.cxmonitor.events.InvalidEventException;
import io.cxmonitor.events.Stream;
import java.time.Clock;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Turns each Kafka record into a {@link ParsedRecord}; never throws on bad input. */
public final class RecordParser implements KafkaRecordDeserializationSchema<ParsedRecord> {

    private final Map<String, Stream> streamsByTopic;
    private final EventLimits limits;
    private transient EventReader reader;
    private transient Clock clock;

    public RecordParser(Map<String, Stream> streamsByTopic, EventLimits limits) {
        this.streamsByTopic = Map.copyOf(streamsByTopic);
        this.limits = limits;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        clock = Clock.systemUTC();
        reader = new EventReader(limits, clock);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedRecord> out) {
        Stream stream = streamsByTopic.get(record.topic());
        try {
            out.collect(ParsedRecord.valid(reader.read(stream, record.value())));
        } catch (InvalidEventException e) {
            out.collect(ParsedRecord.refused(DeadLetter.of(stream, record.topic(), record.partition(),
                    record.offset(), record.timestamp(), record.value(), e, clock.millis())));
        }
    }

    @Override
    public TypeInformation<ParsedRecord> getProducedType() {
        return TypeInformation.of(ParsedRecord.class);
    }
}
