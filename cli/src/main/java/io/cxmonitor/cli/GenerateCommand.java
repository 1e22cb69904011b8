package io.cxmonitor.cli;

import io.cxmonitor.generator.Curve;
import io.cxmonitor.generator.EventPublisher;
import io.cxmonitor.generator.GeneratorRun;
import io.cxmonitor.generator.JsonlPublisher;
import io.cxmonitor.generator.KafkaPublisher;
import io.cxmonitor.generator.PersonaMix;
import io.cxmonitor.generator.TrafficSettings;
import io.cxmonitor.generator.TrafficSimulator;
import io.cxmonitor.generator.TruthWriter;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.common.kafka.KafkaTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Generates synthetic CX traffic into Kafka or JSONL files. */
@Command(name = "generate", mixinStandardHelpOptions = true, usageHelpWidth = 100, sortOptions = false,
        description = {
            "Generate synthetic customer traffic into Kafka or JSONL files.",
            "Customers with personas browse the web and the app, buy, review and contact support; incidents "
                    + "hit many of them at once. Live (paced to the wall clock; type an incident such as "
                    + "'checkout_outage 10m' to start it) or as fast as possible from a simulated start (backfill). "
                    + "--truth writes what was injected: each customer's first bad experience, incidents, the "
                    + "intended sentiment of every text."
        })
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--rate", defaultValue = "200", description = "Events per second of event time (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--curve", defaultValue = "steady", description = "steady; daily: quiet at night, busiest in the "
            + "evening; or weekly: the daily curve, Monday busiest and Saturday quietest.")
    String curve;

    @Option(names = "--duration", converter = DurationConverter.class, description = "Event time to cover, e.g. 10min or 1h.")
    Duration duration;

    @Option(names = "--count", defaultValue = "0", description = "Stop after this many events (0: no limit).")
    long count;

    @Option(names = "--seed", defaultValue = "1", description = "Same seed and start, same events (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--start", description = "Simulated start, ISO-8601 (e.g. 2026-11-23T09:00:00Z); implies --fast.")
    Instant start;

    @Option(names = "--fast", description = "Do not pace to the wall clock: send as fast as possible.")
    boolean fast;

    @Option(names = "--history", converter = DurationConverter.class, description = "Live: start this far in the "
            + "past; the history is sent at once, then traffic follows the clock (e.g. 45min, so that dashboards "
            + "have closed sessions at once).")
    Duration history;

    @Option(names = "--customers", defaultValue = "100000", description = "Size of the customer base (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--personas", description = "Persona mix, e.g. loyal=40,casual=25,price_sensitive=15,frustrated=10,at_risk=10 (the default).")
    String personas;

    @Option(names = "--incident", paramLabel = "NAME@START/DURATION",
            description = "Schedule an incident, e.g. checkout_outage@10m/15m. Repeatable. Names: checkout_outage, "
                    + "slow_release, crash_spike, delivery_delays.")
    List<String> incidents = List.of();

    @Option(names = "--out-of-order", defaultValue = "0", description = "Share of events sent up to 8 s late (default: 0).")
    double outOfOrder;

    @Option(names = "--late", defaultValue = "0", description = "Share of events sent 3-10 min late (default: 0).")
    double late;

    @Option(names = "--malformed", defaultValue = "0", description = "Share of extra malformed records (default: 0).")
    double malformed;

    @Option(names = "--out", paramLabel = "DIR", description = "Write JSONL files (one per stream) to DIR instead of Kafka.")
    Path out;

    @Option(names = "--truth", paramLabel = "FILE", description = "Write the ground truth as JSONL to FILE.")
    Path truth;

    @Mixin
    ConfigOptions configOptions;

    @Override
    public Integer call() {
        boolean live = start == null && !fast;
        if (!live && duration == null && count <= 0) {
            throw new IllegalArgumentException("a run that is not live needs an end: pass --duration or --count");
        }
        CxConfig config = configOptions.load(Map.of());
        if (history != null && !live) {
            throw new IllegalArgumentException("--history is for live runs; with --start or --fast, choose the start");
        }
        long from = start != null ? start.toEpochMilli()
                : System.currentTimeMillis() - (history == null ? 0 : history.toMillis());
        TrafficSettings settings = settings(from);
        EventPublisher publisher = out != null ? new JsonlPublisher(out)
                : new KafkaPublisher(config.get(CxOptions.KAFKA_BOOTSTRAP_SERVERS), KafkaTopics.byStream(config),
                        config.kafkaProperties());
        GeneratorRun run = new GeneratorRun(new TrafficSimulator(settings, from), publisher,
                truth == null ? null : new TruthWriter(truth), live, from, duration, count);
        if (live) {
            System.err.println(IncidentConsole.HELP);
            IncidentConsole.start(System.in, settings.incidents, System.err);
        }
        long began = System.nanoTime();
        run.run();
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("Sent %,d events and %,d malformed records in %.1f s (%,.0f events/s): %s%n",
                run.total(), run.malformed(), seconds, run.total() / Math.max(seconds, 1e-9), run.counts());
        return 0;
    }

    TrafficSettings settings(long from) {
        TrafficSettings settings = new TrafficSettings().seed(seed).rate(rate).customers(customers);
        settings.curve = Curve.parse(curve);
        if (personas != null) {
            settings.personas = PersonaMix.parse(personas);
        }
        settings.outOfOrderShare = share("--out-of-order", outOfOrder);
        settings.lateShare = share("--late", late);
        settings.malformedShare = share("--malformed", malformed);
        for (String incident : incidents) {
            settings.incidents.schedule(incident, from);
        }
        return settings;
    }

    private static double share(String option, double value) {
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(option + " is a share between 0 and 1, not " + value);
        }
        return value;
    }

}
