package io.cxmonitor.domain.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.topics.EmergingTerms.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmergingTermsTest {

    private static final long MIN = 60_000;
    private static final long T0 = 1_795_424_400_000L; // a bucket boundary
    private static final Settings SETTINGS = Settings.DEFAULT;

    private final EmergingTerms sketch = EmergingTerms.empty(SETTINGS);

    /** A day of the usual complaints: two negative texts a minute. */
    private void usualDay() {
        String[] usual = {"late parcel", "rude agent", "broken handle", "wrong size"};
        for (int m = 0; m < 24 * 60; m++) {
            for (int k = 0; k < 2; k++) {
                sketch.add(T0 + m * MIN + k, TermExtractor.terms(usual[(m + k) % usual.length]), 1 + (m * 7 + k) % 500,
                        SETTINGS);
            }
            if ((m + 1) % 5 == 0) {
                sketch.report(T0 + (m + 1) * MIN, SETTINGS);
            }
        }
    }

    @Test
    void nothingIsReportedWhileTheSketchWarmsUp() {
        for (int i = 0; i < 50; i++) {
            sketch.add(T0 + i * 1000, TermExtractor.terms("refund scam"), 1 + i, SETTINGS);
        }
        assertThat(sketch.report(T0 + EmergingTerms.BUCKET, SETTINGS)).isEmpty();
    }

    @Test
    void theUsualComplaintsAreNotEmerging() {
        usualDay();
        assertThat(sketch.report(T0 + 24 * 60 * MIN, SETTINGS)).isEmpty();
    }

    @Test
    void aNewComplaintOfManyCustomersEmergesWithItsLift() {
        usualDay();
        long t = T0 + 24 * 60 * MIN;
        for (int i = 0; i < 12; i++) {
            sketch.add(t + i * MIN, TermExtractor.terms("the voucher vanished"), 9_000 + i, SETTINGS);
        }
        List<EmergingTerms.Term> found = sketch.report(t + 15 * MIN, SETTINGS);
        assertThat(found).extracting(EmergingTerms.Term::term).contains("voucher", "vanished", "voucher vanished")
                .doesNotContain("late", "parcel");
        assertThat(found).allSatisfy(term -> {
            assertThat(term.customers()).isEqualTo(5);
            assertThat(term.texts()).isEqualTo(12);
            assertThat(term.lift()).isGreaterThanOrEqualTo(3);
            assertThat(term.share()).isGreaterThan(term.usualShare());
        });
        // an hour later it has left the window
        assertThat(sketch.report(t + 80 * MIN, SETTINGS)).extracting(EmergingTerms.Term::term).doesNotContain("voucher");
    }

    @Test
    void aTermOfFewerThanFiveCustomersIsNeverReported() {
        usualDay();
        long t = T0 + 24 * 60 * MIN;
        for (int i = 0; i < 40; i++) {
            sketch.add(t + i * 10_000, TermExtractor.terms("voucher vanished"), 9_000 + i % 4, SETTINGS);
        }
        assertThat(sketch.report(t + 10 * MIN, SETTINGS)).isEmpty();
    }

    @Test
    void itStaysTheSameSizeWhateverItSees() {
        int terms = sketch.terms.length;
        int customers = sketch.customers.length;
        for (int i = 0; i < 20_000; i++) {
            sketch.add(T0 + i * 100, List.of("term" + Integer.toString(i, 26).replaceAll("[0-9]", "x")), i + 1, SETTINGS);
        }
        assertThat(sketch.terms).hasSize(terms);
        assertThat(sketch.customers).hasSize(customers);
        assertThat(sketch.sketch).hasSize(4 * 2048);
    }
}
