package io.cxmonitor.jobs.notify;

import io.cxmonitor.domain.incidents.IncidentJson;
import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.events.DeadLetter;
import io.cxmonitor.events.DeadLetterReason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    /** Whether a tombstone names a forgotten customer: on the alert topic, keyed by customer. */
    private final boolean keyedByCustomer;

    private NotificationReader(Parser parser, DeadLetterReason refusal, boolean keyedByCustomer) {
        this.parser = parser;
        this.refusal = refusal;
        this.keyedByCustomer = keyedByCustomer;
    }

    public static NotificationReader alerts() {
        return new NotificationReader(json -> Notification.of(AlertJson.read(json)), DeadLetterReason.NOT_AN_ALERT, true);
    }

    public static NotificationReader incidents() {
        return new NotificationReader(json -> Notification.of(IncidentJson.read(json)), DeadLetterReason.NOT_AN_INCIDENT,
                false);
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Received> out) {
        if (record.value() == null) {
            // a tombstone: a customer's alerts were erased, and what a budget holds of them goes too
            if (keyedByCustomer && record.key() != null) {
                out.collect(Received.of(Notification.forgotten(new String(record.key(), StandardCharsets.UTF_8))));
            }
            return;
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
