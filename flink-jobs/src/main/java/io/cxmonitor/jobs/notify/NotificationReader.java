package io.cxmonitor.jobs.notify;

import io.cxmonitor.domain.incidents.IncidentJson;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.events.DeadLetter;
import io.cxmonitor.events.DeadLetterReason;
import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the alert or the incident topic; never throws: what is not an alert (an incident) becomes
 * a dead letter with the reason.
 */
public final class NotificationReader implements KafkaRecordDeserializationSchema<Received> {

    private interface Parser extends Serializable {
        Notification read(byte[] json) throws IOException;
    }

    private final Parser parser;
    private final DeadLetterReason refusal;

    private NotificationReader(Parser parser, DeadLetterReason refusal) {
        this.parser = parser;
        this.refusal = refusal;
    }

    public static NotificationReader alerts() {
        return new NotificationReader(json -> Notification.of(AlertJson.read(json)), DeadLetterReason.NOT_AN_ALERT);
    }

    public static NotificationReader incidents() {
        return new NotificationReader(json -> Notification.of(IncidentJson.read(json)), DeadLetterReason.NOT_AN_INCIDENT);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Received> out) {
        if (record.value() == null) {
            return; // a tombstone: a customer's alerts were erased
        }
        try {
            out.collect(Received.of(parser.read(record.value())));
        } catch (IOException e) {
            out.collect(Received.refused(DeadLetter.of(record.topic(), record.partition(), record.offset(),
                    record.timestamp(), record.value(), refusal, e.getMessage(), System.currentTimeMillis())));
        }
    }

    @Override
    public TypeInformation<Received> getProducedType() {
        return Types.POJO(Received.class);
    }
}
