package io.cxmonitor.jobs.notify;

import io.cxmonitor.domain.risk.AlertJson;
import io.cxmonitor.events.DeadLetter;
import io.cxmonitor.events.DeadLetterReason;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads the alert topic; never throws: what is not an alert becomes a dead letter with the reason. */
public final class AlertReader implements KafkaRecordDeserializationSchema<AlertRecord> {

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<AlertRecord> out) {
        if (record.value() == null) {
            return; // a tombstone: a customer's alerts were erased
        }
        try {
            out.collect(AlertRecord.of(AlertJson.read(record.value())));
        } catch (IOException e) {
            out.collect(AlertRecord.refused(DeadLetter.of(record.topic(), record.partition(), record.offset(),
                    record.timestamp(), record.value(), DeadLetterReason.NOT_AN_ALERT, e.getMessage(),
                    System.currentTimeMillis())));
        }
    }

    @Override
    public TypeInformation<AlertRecord> getProducedType() {
        return Types.POJO(AlertRecord.class);
    }
}
