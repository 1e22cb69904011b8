package io.cxmonitor.jobs.common.config;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** The properties Kafka's own clients know, so that a misspelt {@code kafka.properties.*} is refused at start-up. */
final class KafkaClientProperties {

    /** What each job sets itself: a value here would break it, not configure it. */
    static final Set<String> MANAGED = Set.of("bootstrap.servers", "group.id", "key.serializer", "value.serializer",
            "key.deserializer", "value.deserializer", "enable.auto.commit", "transactional.id");

    private KafkaClientProperties() {}

    static Set<String> names() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return names;
    }
}
