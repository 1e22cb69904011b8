package io.cxmonitor.cli;

import io.cxmonitor.generator.KafkaPublisher;
import io.cxmonitor.generator.Replay;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Sends recorded JSONL files back into Kafka. */
@Command(name = "replay", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Send JSONL files back into Kafka, at their original pacing or as fast as possible.",
            "Each file goes to the topic of the stream it is named after (clickstream.jsonl, app.jsonl, "
                    + "reviews.jsonl, support.jsonl); a directory stands for the files in it. Lines are sent as they "
                    + "are, malformed ones too; files are merged in event-time order."
        })
final class ReplayCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "JSONL files or directories.")
    List<Path> inputs;

    @Option(names = "--fast", description = "Send as fast as possible instead of at the original pacing.")
    boolean fast;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() throws Exception {
        CxConfig config = configOptions.load(Map.of());
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> list = Files.list(input)) {
                    list.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(files::add);
                }
            } else if (Files.isReadable(input)) {
                files.add(input);
            } else {
                throw new IllegalArgumentException("cannot read " + input);
            }
        }
        files.removeIf(p -> p.getFileName().toString().startsWith("truth"));
        long began = System.nanoTime();
        long sent;
        try (KafkaPublisher publisher = new KafkaPublisher(config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS),
                KafkaTopics.byStream(config), config.kafkaProperties())) {
            sent = new Replay(publisher, !fast).replay(files);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("Replayed %,d records from %d files in %.1f s%n", sent, files.size(), seconds);
        return 0;
    }
}
