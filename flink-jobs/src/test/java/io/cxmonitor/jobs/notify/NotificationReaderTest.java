package io.cxmonitor.jobs.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class NotificationReaderTest {

    private static List<Received> read(NotificationReader reader, byte[] key, byte[] value) {
        List<Received> out = new ArrayList<>();
        reader.deserialize(new ConsumerRecord<>("cx.alerts", 0, 7, key, value), new Collector<>() {
            @Override
            public void collect(Received r) {
                out.add(r);
            }

            @Override
            public void close() {}
        });
        return out;
    }

    /** cx-alerts' tombstone names the customer it forgot: what a route holds of them goes too. */
    @Test
    void aTombstoneOnTheAlertTopicIsACustomerForgotten() {
        List<Received> out = read(NotificationReader.alerts(), "c-000412".getBytes(StandardCharsets.UTF_8), null);
        assertThat(out).hasSize(1);
        assertThat(out.get(0).notification.forgotten).isEqualTo("c-000412");
        assertThat(out.get(0).notification.alert).isNull();
        assertThat(read(NotificationReader.alerts(), null, null)).as("no key: nobody to forget").isEmpty();
        assertThat(read(NotificationReader.incidents(), "incident:x".getBytes(StandardCharsets.UTF_8), null))
                .as("incidents are keyed by group, not customer").isEmpty();
    }
}
