package io.cxmonitor.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.localstack.KafkaBroker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The checkout-outage drill of {@code ./cxmon bench incidents}, smaller, as a test with the
 * issue's targets: 20,000 customers, 40 quiet minutes, a 10-minute outage, through cx-signals,
 * cx-alerts and cx-notify to a PagerDuty-style on-call receiver and a CRM webhook with a budget.
 */
class IncidentDrillITCase {

    @Test
    void anOutageIsAtMostThreeOnCallMessagesAndEveryAffectedCustomerReachesOutreachOnce() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start()) {
            IncidentDrill.Result r = IncidentDrill.run(kafka, new IncidentDrill.Plan(20_000, 150, Duration.ofMinutes(40),
                    Duration.ofMinutes(10), Duration.ofMinutes(45), 20, 11), line -> { });
            assertThat(r.outageIncidents()).as("on-call messages of the outage").extracting(i -> i.status)
                    .startsWith("firing").endsWith("resolved").hasSizeLessThanOrEqualTo(3);
            assertThat(r.onCallMessages()).as("each change reached on-call").hasSize(r.outageIncidents().size());
            assertThat(r.detectionMinutes()).isBetween(0.0, 2.0);
            assertThat(r.resolutionMinutes()).isBetween(0.0, 15.0);
            assertThat(r.affected()).as("customers whose first bad experience was in the outage").isGreaterThan(100);
            assertThat(r.outreachRecall()).as("outreach recall; missed e.g. %s", r.missed()).isGreaterThanOrEqualTo(0.99);
            assertThat(r.reachedTwice()).isZero();
            assertThat(r.digests()).as("over the budget, in digests").isPositive();
            assertThat(r.falseIncidents()).as("incidents before the outage").isEmpty();
        }
    }
}
