package io.cxmonitor.benchmarks;

import io.cxmonitor.generator.GeneratorRun;
import io.cxmonitor.generator.KafkaPublisher;
import io.cxmonitor.generator.TrafficSettings;
import io.cxmonitor.generator.TrafficSimulator;
import io.cxmonitor.localstack.KafkaBroker;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The generator's top production rate into a local broker, so it is never what limits a benchmark. */
@Command(name = "generator", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "Events per second the generator sends into a local Kafka broker, as fast as it can.")
final class GeneratorBenchmark implements Callable<Integer> {

    private static final long START = 1_795_424_400_000L; // 2026-11-23T09:00:00Z

    @Option(names = "--events", defaultValue = "3000000", description = "Events to send (default: ${DEFAULT-VALUE}).")
    long events;

    @Override
    public Integer call() {
        TrafficSettings settings = new TrafficSettings().seed(1).rate(200).customers(100_000);
        long simulateStart = System.nanoTime();
        TrafficSimulator dry = new TrafficSimulator(settings, START);
        for (long i = 0; i < events; i++) {
            dry.next();
        }
        double simulateOnly = events / ((System.nanoTime() - simulateStart) / 1e9);

        try (KafkaBroker kafka = KafkaBroker.start()) {
            kafka.createTopics(2, new ArrayList<>(KafkaPublisher.defaultTopics().values()));
            GeneratorRun run = new GeneratorRun(new TrafficSimulator(settings, START),
                    new KafkaPublisher(kafka.bootstrapServers(), KafkaPublisher.defaultTopics()), null, false, START,
                    null, events);
            long began = System.nanoTime();
            run.run(); // closes the producer: every event is acknowledged before the clock stops
            double seconds = (System.nanoTime() - began) / 1e9;
            System.out.printf("Sent %,d events into Kafka %s in %.1f s: %,.0f events/s "
                    + "(simulation alone: %,.0f events/s)%n", run.total(), kafka.bootstrapServers(), seconds,
                    run.total() / seconds, simulateOnly);
        }
        return 0;
    }
}
