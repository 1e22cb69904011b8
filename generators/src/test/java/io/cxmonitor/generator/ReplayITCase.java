package io.cxmonitor.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.events.Stream;
import io.cxmonitor.localstack.LocalStackExtension;
import io.cxmonitor.localstack.TestKafka;
import io.cxmonitor.localstack.TestNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A recorded JSONL set, replayed into a real broker, comes back out byte for byte. */
@ExtendWith(LocalStackExtension.class)
class ReplayITCase {

    @Test
    void replayReproducesARecordedFile(@TempDir Path dir) throws Exception {
        TrafficSettings settings = new TrafficSettings().seed(3).rate(200).customers(5_000);
        settings.malformedShare = 0.01;
        new GeneratorRun(new TrafficSimulator(settings, TrafficSimulatorTest.START), new JsonlPublisher(dir), null,
                false, TrafficSimulatorTest.START, null, 5_000).run();

        Map<Stream, String> topics = new EnumMap<>(Stream.class);
        List<Path> files = new ArrayList<>();
        for (Stream s : Stream.values()) {
            topics.put(s, TestNames.unique("replay." + s.id()));
            files.add(JsonlPublisher.fileOf(dir, s));
        }
        LocalStackExtension.kafka().createTopics(1, new ArrayList<>(topics.values()));
        String bootstrap = LocalStackExtension.kafka().bootstrapServers();
        long sent;
        try (KafkaPublisher publisher = new KafkaPublisher(bootstrap, topics)) {
            sent = new Replay(publisher, false).replay(files);
        }

        long lines = 0;
        try (TestKafka kafka = new TestKafka(bootstrap)) {
            for (Stream s : Stream.values()) {
                List<String> recorded = Files.readAllLines(JsonlPublisher.fileOf(dir, s));
                lines += recorded.size();
                List<ConsumerRecord<byte[], byte[]>> replayed =
                        kafka.readAll(topics.get(s), recorded.size(), Duration.ofSeconds(30));
                assertThat(replayed).extracting(TestKafka::value).as(s.id()).containsExactlyElementsOf(recorded);
            }
        }
        assertThat(sent).isEqualTo(lines).isGreaterThan(5_000);
    }

    @Test
    void replayWithOriginalPacingTakesTheRecordedTime(@TempDir Path dir) throws Exception {
        TrafficSettings settings = new TrafficSettings().seed(4).rate(50).customers(2_000);
        new GeneratorRun(new TrafficSimulator(settings, TrafficSimulatorTest.START), new JsonlPublisher(dir), null,
                false, TrafficSimulatorTest.START, Duration.ofSeconds(3), 0).run();
        Map<Stream, String> topics = new EnumMap<>(Stream.class);
        for (Stream s : Stream.values()) {
            topics.put(s, TestNames.unique("paced." + s.id()));
        }
        LocalStackExtension.kafka().createTopics(1, new ArrayList<>(topics.values()));
        long start = System.nanoTime();
        try (KafkaPublisher publisher = new KafkaPublisher(LocalStackExtension.kafka().bootstrapServers(), topics)) {
            new Replay(publisher, true).replay(List.of(JsonlPublisher.fileOf(dir, Stream.CLICKSTREAM),
                    JsonlPublisher.fileOf(dir, Stream.APP)));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(2_000), Duration.ofSeconds(6));
    }
}
