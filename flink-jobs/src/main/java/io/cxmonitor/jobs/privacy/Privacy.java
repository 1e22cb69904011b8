package io.cxmonitor.jobs.privacy;

import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.domain.privacy.PrivacyJson;
import io.cxmonitor.events.EventLimits;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import io.cxmonitor.jobs.common.windows.EventTimeWatermarks;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests to forget a customer (SPEC 8), in and out of a job: read from {@code cx.privacy},
 * applied by every operator that keeps customers (each reports on {@link ForgetApplied#TAG}), and
 * answered, once all have, with the job's acknowledgement on {@code cx.privacy} and a tombstone
 * for the customer's key on the topic the job writes per customer.
 *
 * <p>A request is read from where the job's group left off, or from the start of the topic when
 * it has none: a request made while a job was down or not yet deployed is applied when it starts.
 */
public final class Privacy {

    private static final Logger LOG = LoggerFactory.getLogger(Privacy.class);

    /**
     * The broadcast state of the operators that take requests by broadcast: none, since they apply
     * each request as it comes.
     */
    public static final MapStateDescriptor<?, ?>[] NO_BROADCAST_STATE = new MapStateDescriptor<?, ?>[0];

    private Privacy() {}

    /** The requests on {@code cx.privacy}; they take no part in event time. */
    public static DataStream<ForgetRequest> requests(StreamExecutionEnvironment env, CxConfig config, String job) {
        return env.fromSource(KafkaTopics.source(config, job, "privacy", List.of(config.get(CxOptions.TOPIC_PRIVACY)),
                                new Requests(config.eventLimits()), KafkaTopics.WithoutCommit.EARLIEST),
                        EventTimeWatermarks.outsideEventTime(), "Kafka: privacy requests")
                .uid("privacy-source");
    }

    /**
     * Once every one of {@code operators} has reported a request on {@code applied}: the job's
     * acknowledgement on {@code cx.privacy}, and a tombstone for the customer's key on
     * {@code tombstoned}, once the job keeps nothing that could make records for them (a record
     * made just before, still on its way through another path, can land after it).
     */
    public static void acknowledge(DataStream<ForgetApplied> applied, List<String> operators, CxConfig config, String job,
            String tombstoned) {
        DataStream<ForgetRequest> done = applied
                .keyBy(a -> a.requestId, Types.STRING)
                .process(new JobAcknowledgement(operators))
                .uid("privacy-acknowledgement")
                .name("Forgotten by every operator");
        done.sinkTo(KafkaTopics.sink(config, tombstoned, r -> r.customerId, r -> null))
                .uid("privacy-tombstones")
                .name("Kafka: tombstones of forgotten customers");
        done.sinkTo(KafkaTopics.sink(config, config.get(CxOptions.TOPIC_PRIVACY), r -> r.requestId,
                        r -> PrivacyJson.write(new PrivacyJson.Acknowledgement(r.requestId, job, System.currentTimeMillis()))))
                .uid("privacy-acknowledgements")
                .name("Kafka: privacy acknowledgements");
    }

    /** cx.privacy → requests; acknowledgements are skipped, anything else is counted and logged. */
    static final class Requests implements KafkaRecordDeserializationSchema<ForgetRequest> {
        private final EventLimits limits;
        private transient Counter refused;

        Requests(EventLimits limits) {
            this.limits = limits;
        }

        @Override
        public void open(DeserializationSchema.InitializationContext context) {
            refused = context.getMetricGroup().counter("cxRefusedPrivacyMessages");
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ForgetRequest> out) {
            String where = record.topic() + "-" + record.partition() + "@" + record.offset();
            try {
                ForgetRequest request = PrivacyJson.readRequest(record.value(), limits, where);
                if (request != null) {
                    out.collect(request);
                }
            } catch (IOException e) {
                refused.inc();
                LOG.warn("Refused the privacy message at {}: {}", where, e.getMessage());
            }
        }

        @Override
        public TypeInformation<ForgetRequest> getProducedType() {
            return Types.POJO(ForgetRequest.class);
        }
    }
}
