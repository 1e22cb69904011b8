package io.cxmonitor.jobs.risk;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.ExperienceJson;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventLimits;
import io.cxmonitor.events.EventReader;
import io.cxmonitor.events.InvalidEventException;
import io.cxmonitor.events.Stream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The readers of the alerting job's topics; none fails on a bad record, each counts what it skips. */
final class AlertInputs {

    private AlertInputs() {}

    /** cx.experiences → bad experiences; what is not one is skipped and counted. */
    static final class Experiences implements KafkaRecordDeserializationSchema<RiskInput> {
        private final EventLimits limits;
        private transient Counter skipped;

        Experiences(EventLimits limits) {
            this.limits = limits;
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            skipped = context.getMetricGroup().counter("cxSkippedExperiences");
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RiskInput> out) {
            if (record.value() == null) {
                return; // a tombstone: a customer forgotten on request
            }
            try {
                BadExperience b = ExperienceJson.read(record.value(), limits);
                out.collect(RiskInput.experience(b));
            } catch (IOException | RuntimeException e) {
                skipped.inc();
            }
        }

        @Override
        public TypeInformation<RiskInput> getProducedType() {
            return Types.POJO(RiskInput.class);
        }
    }

    /**
     * The input topics → the activity of known customers and of devices, and the value of purchases. Invalid
     * records are the signals job's to dead-letter; here they are only skipped.
     */
    static final class Activity implements KafkaRecordDeserializationSchema<RiskInput> {
        private final Map<String, Stream> streamsByTopic;
        private final EventLimits limits;
        private transient EventReader reader;

        Activity(Map<String, Stream> streamsByTopic, EventLimits limits) {
            this.streamsByTopic = Map.copyOf(streamsByTopic);
            this.limits = limits;
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            reader = new EventReader(limits, Clock.systemUTC());
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RiskInput> out) {
            try {
                CxEvent e = reader.read(streamsByTopic.get(record.topic()), record.value());
                if (e.customerId != null || e.anonymousId != null) { // a device's, perhaps linked to a customer
                    out.collect(RiskInput.activity(e));
                }
            } catch (InvalidEventException ignored) {
                // dead-lettered by the signals job
            }
        }

        @Override
        public TypeInformation<RiskInput> getProducedType() {
            return Types.POJO(RiskInput.class);
        }
    }

    /** cx.alert-control → the raw control message; the risk function validates it. */
    static final class Control implements KafkaRecordDeserializationSchema<String> {
        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
            if (record.value() != null) {
                out.collect(new String(record.value(), StandardCharsets.UTF_8));
            }
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
