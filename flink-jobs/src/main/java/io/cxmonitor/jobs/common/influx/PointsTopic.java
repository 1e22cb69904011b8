package io.cxmonitor.jobs.common.influx;

import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The topic between the jobs and InfluxDB ({@code topics.points}): every job publishes its
 * dashboard points there, in line protocol, and {@code cx-influx} writes them to InfluxDB. Kafka
 * absorbs an InfluxDB outage of any length, so neither a signal nor an alert ever waits for the
 * dashboards' store. A point's record key is its series (measurement and tags): the updates of
 * one series stay in order on one partition, and the last one written wins in InfluxDB.
 */
public final class PointsTopic {

    private PointsTopic() {}

    public static KafkaSink<InfluxPoint> sink(CxConfig config) {
        return KafkaTopics.sink(config, config.get(CxOptions.TOPIC_POINTS), InfluxPoint::seriesKey,
                p -> p.line.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads points back; what is not a line of text is skipped and counted ({@code cxSkippedPoints}). */
    public static final class Reader implements KafkaRecordDeserializationSchema<InfluxPoint> {
        private transient Counter skipped;

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            skipped = context.getMetricGroup().counter("cxSkippedPoints");
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InfluxPoint> out) {
            InfluxPoint point = record.value() == null ? null
                    : InfluxPoint.parse(new String(record.value(), StandardCharsets.UTF_8));
            if (point == null) {
                skipped.inc();
            } else {
                out.collect(point);
            }
        }

        @Override
        public TypeInformation<InfluxPoint> getProducedType() {
            return TypeInformation.of(InfluxPoint.class);
        }
    }
}
