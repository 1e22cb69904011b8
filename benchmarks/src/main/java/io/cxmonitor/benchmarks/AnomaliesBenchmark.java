package io.cxmonitor.benchmarks;

import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.localstack.KafkaBroker;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./cxmon bench anomalies}: the drill of {@link AnomalyDrill}, its figures against the targets of SPEC 7. */
@Command(name = "anomalies", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "The anomaly drill: each generator incident found, how fast and by which series; anomalies in quiet hours.")
final class AnomaliesBenchmark implements Callable<Integer> {

    @Option(names = "--customers", defaultValue = "100000", description = "Customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--rate", defaultValue = "400", description = "Mean events per second of event time, on the weekly "
            + "curve (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--learn-hours", defaultValue = "2", description = "Hours for the baselines to warm up (default: ${DEFAULT-VALUE}).")
    int learnHours;

    @Option(names = "--quiet-hours", defaultValue = "3", description = "Hours without incidents after that (default: ${DEFAULT-VALUE}).")
    int quietHours;

    @Option(names = "--incident-minutes", defaultValue = "20", description = "How long each incident lasts (default: ${DEFAULT-VALUE}).")
    int incidentMinutes;

    @Option(names = "--seed", defaultValue = "11", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        AnomalyDrill.Result r;
        try (KafkaBroker kafka = KafkaBroker.start()) {
            r = AnomalyDrill.run(kafka, new AnomalyDrill.Plan(customers, rate, Duration.ofHours(learnHours),
                    Duration.ofHours(quietHours), Duration.ofMinutes(incidentMinutes), Duration.ofMinutes(60 - incidentMinutes),
                    seed), System.out::println);
        }
        System.out.printf("%nAnomaly drill: %,d customers, %,.0f events/s on the weekly curve, %d h to learn, %d h quiet, "
                + "then each incident for %d min an hour (%,d events)%n", customers, rate, learnHours, quietHours,
                incidentMinutes, r.events());
        for (AnomalyDrill.Detection d : r.detections()) {
            if (d.first() == null) {
                System.out.printf("  %-16s not found by %s%n", d.incident().id(), AnomalyDrill.EXPECTED.get(d.incident()));
            } else {
                System.out.printf("  %-16s known %.0f min after it began (target <= 5), from %s%n", d.incident().id(),
                        d.minutes(), d.first().dedupKey.substring("incident:".length()));
            }
            System.out.println("    its anomalies, by the end of the minute that made them:");
            for (Incident a : d.firings()) {
                System.out.printf("      +%3.0f min  %s%n", (a.changedAt - d.start()) / 60_000.0, a.summary);
            }
        }
        System.out.printf("  anomalies in the %d quiet hours: %d (target 0)%n", quietHours, r.quiet().size());
        r.quiet().forEach(a -> System.out.printf("      +%3.0f min  %s%n", (a.changedAt - r.quietStart()) / 60_000.0, a.summary));
        System.out.printf("  anomalies while the baselines warmed up (%d h, not judged against a target): %d%n", learnHours,
                r.warmUp().size());
        return 0;
    }
}
