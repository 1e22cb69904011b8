package io.cxmonitor.benchmarks;

import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.localstack.KafkaBroker;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./cxmon bench incidents}: the checkout-outage drill of {@link IncidentDrill}, its figures against the targets. */
@Command(name = "incidents", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        description = "The checkout-outage drill: on-call pages, detection and resolution, outreach recall, false incidents.")
final class IncidentsBenchmark implements Callable<Integer> {

    @Option(names = "--customers", defaultValue = "20000", description = "Customers (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--rate", defaultValue = "150", description = "Events per second of event time (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--quiet-hours", defaultValue = "3", description = "Hours without incidents before the outage (default: ${DEFAULT-VALUE}).")
    int quietHours;

    @Option(names = "--outage-minutes", defaultValue = "10", description = "How long checkout fails (default: ${DEFAULT-VALUE}).")
    int outageMinutes;

    @Option(names = "--budget", defaultValue = "20", description = "Alerts a minute the outreach route takes one by one (default: ${DEFAULT-VALUE}).")
    int budget;

    @Option(names = "--seed", defaultValue = "11", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        IncidentDrill.Result r;
        try (KafkaBroker kafka = KafkaBroker.start()) {
            r = IncidentDrill.run(kafka, new IncidentDrill.Plan(customers, rate, Duration.ofHours(quietHours),
                    Duration.ofMinutes(outageMinutes), Duration.ofMinutes(60), budget, seed), System.out::println);
        }
        System.out.printf("%nCheckout-outage drill: %,d customers, %,.0f events/s, %d h quiet, then %d min of outage (%,d events)%n",
                customers, rate, quietHours, outageMinutes, r.events());
        System.out.printf("  on-call pages for the outage: %d state changes of %d incident(s) (target <= 3); "
                + "%d messages reached the on-call route in all:%n", r.outageIncidents().size(),
                r.outageIncidents().stream().map(i -> i.dedupKey).distinct().count(), r.onCallMessages().size());
        r.onCallMessages().forEach(m -> System.out.println("    " + m));
        for (Incident i : r.outageIncidents()) {
            System.out.printf("    %s %s at +%.1f min: %d customers, %,.0f at risk%n", i.status, i.dedupKey,
                    (i.changedAt - r.outageStart()) / 60_000.0, i.customersAffected, i.valueAtRisk);
        }
        System.out.printf("  detection: %.1f min after the outage began (target <= 2)%n", r.detectionMinutes());
        System.out.printf("  resolution: %.1f min after it ended (target <= 15)%n", r.resolutionMinutes());
        System.out.printf("  outreach recall: %.4f (%,d of %,d customers whose first bad experience was in the outage; "
                + "%d reached twice; target >= 0.99, each once)%n", r.outreachRecall(), r.reached(), r.affected(), r.reachedTwice());
        System.out.printf("  outreach deliveries: %,d one by one, %,d digests%n", r.oneByOne(), r.digests());
        if (!r.missed().isEmpty()) {
            System.out.println("    missed, for example: " + r.missed());
        }
        System.out.printf("  anomalies delivered to operations (the series that left their usual level): %d%n",
                r.anomaliesToOperations());
        System.out.printf("  false incidents in the %d quiet hours: %d (target 0)%n", quietHours, r.falseIncidents().size());
        r.falseIncidents().forEach(i -> System.out.println("    " + i + " " + i.summary));
        return 0;
    }
}
