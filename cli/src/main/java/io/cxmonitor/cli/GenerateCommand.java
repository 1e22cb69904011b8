package io.cxmonitor.cli;

import io.cxmonitor.events.Stream;
import io.cxmonitor.generator.EventPublisher;
import io.cxmonitor.generator.GeneratorRun;
import io.cxmonitor.generator.JsonlPublisher;
import io.cxmonitor.generator.KafkaPublisher;
import io.cxmonitor.generator.TrafficSimulator;
import io.cxmonitor.jobs.config.CxConfig;
import io.cxmonitor.jobs.config.CxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Generates synthetic CX traffic into Kafka or a JSONL file. */
@Command(name = "generate", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = {
            "Generate synthetic customer traffic into Kafka or a JSONL file.",
            "Covers the four streams, live (paced to the wall clock) or as fast as possible from a "
                    + "simulated start time (backfill)."
        })
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "200", description = "Events per second of event time (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Event time to cover, e.g. 10min or 1h.")
    Duration duration;

    @Option(names = "--count", defaultValue = "0", description = "Stop after this many events (0: no limit).")
    long count;

    @Option(names = "--seed", defaultValue = "1", description = "Same seed, same start: same events (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", description = "Simulated start time (ISO-8601, e.g. 2026-11-23T09:00:00Z); "
            + "implies --fast. Default: now.")
    Instant start;

    @Option(names = "--fast", description = "Do not pace to the wall clock: publish as fast as possible.")
    boolean fast;

    @Option(names = "--customers", defaultValue = "5000", description = "Size of the customer base (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--out", paramLabel = "FILE", description = "Write JSONL to FILE instead of Kafka.")
    Path out;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() {
        if (duration == null && count <= 0 && !(out == null && !fast && start == null)) {
            throw new IllegalArgumentException("a backfill or file needs an end: pass --duration or --count");
        }
        CxConfig config = configOptions.load(Map.of());
        long from = start == null ? System.currentTimeMillis() : start.toEpochMilli();
        boolean live = start == null && !fast;
        EventPublisher publisher = out != null ? new JsonlPublisher(out)
                : new KafkaPublisher(config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS), topics(config));
        GeneratorRun run = new GeneratorRun(new TrafficSimulator(seed, from, rate, customers), publisher, live,
                from, duration, count);
        long began = System.nanoTime();
        run.run();
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("Generated %,d events in %.1f s (%,.0f events/s): %s%n",
                run.total(), seconds, run.total() / Math.max(seconds, 1e-9), run.counts());
        return 0;
    }

    private static Map<Stream, String> topics(CxConfig config) {
        Map<Stream, String> topics = new EnumMap<>(Stream.class);
        for (Stream s : Stream.values()) {
            topics.put(s, config.get(CxOptions.topicOf(s)));
        }
        return topics;
    }
}
