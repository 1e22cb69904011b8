package io.cxmonitor.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.localstack.KafkaBroker;
import org.junit.jupiter.api.Test;

/**
 * The alerts against the generator's ground truth, as a test with thresholds: two hours of
 * generated traffic through the signals and alerting jobs over the backlog. At least 99 % of the
 * customers whose first bad experience the truth holds are paged (recall), and at least 95 % of
 * the pages are for such a customer (precision).
 */
class AlertQualityITCase {

    @Test
    void theCustomersPagedAreTheOnesWithAFirstBadExperience() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start()) {
            AlertQuality.Result r = AlertQuality.measure(kafka, 2, 60, 5_000, line -> { });
            assertThat(r.truth()).as("customers with a first bad experience in the truth").isGreaterThan(50);
            assertThat(r.recall()).as("recall; missed e.g. %s", r.missed()).isGreaterThanOrEqualTo(0.99);
            assertThat(r.precision()).as("precision; paged without cause e.g. %s", r.falsePages())
                    .isGreaterThanOrEqualTo(0.95);
        }
    }
}
