package io.cxmonitor.domain.anomalies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyTrackerTest {

    private static final long MIN = 60_000;
    /** Monday 2026-11-23 00:00 UTC. */
    private static final long MONDAY = 1_795_392_000_000L;
    private static final AnomalySettings SETTINGS = AnomalySettings.DEFAULT;

    private final AnomalyTracker tracker = new AnomalyTracker();
    private final Random noise = new Random(7);
    private final List<AnomalyTracker.Change> changes = new ArrayList<>();

    /** An abandonment rate around 0.30, with the usual noise of a few points. */
    private double usual() {
        return 0.30 + 0.02 * noise.nextGaussian();
    }

    private void feed(long from, int minutes, java.util.function.LongToDoubleFunction value) {
        for (int m = 0; m < minutes; m++) {
            long t = from + m * MIN;
            AnomalyTracker.Change c = tracker.observe(t, value.applyAsDouble(t), SETTINGS);
            if (c != null) {
                changes.add(c);
            }
        }
    }

    @Test
    void theHourOfTheWeekStartsOnMondayInUtc() {
        assertThat(SeasonalBaseline.hourOfWeek(MONDAY)).isZero();
        assertThat(SeasonalBaseline.hourOfWeek(MONDAY + 14 * 60 * MIN + 7 * MIN)).isEqualTo(14);
        assertThat(SeasonalBaseline.hourOfWeek(MONDAY - MIN)).isEqualTo(167);
    }

    @Test
    void nothingIsAnomalousWhileTheBaselineWarmsUp() {
        feed(MONDAY, 24, t -> 0.30);
        feed(MONDAY + 24 * MIN, 5, t -> 0.90);
        assertThat(changes).as("29 minutes are not enough to know the usual level").isEmpty();
        feed(MONDAY + 29 * MIN, 40, t -> 0.30);
        feed(MONDAY + 69 * MIN, 5, t -> 0.90);
        assertThat(changes).as("after 30 they are").extracting(AnomalyTracker.Change::status).containsExactly("firing");
    }

    @Test
    void aSeriesLearnsItsHoursOfTheWeekFromItsThirtiethMinuteOnSoThatOneOffSeriesStaySmall() {
        feed(MONDAY, 29, t -> usual());
        assertThat(tracker.baseline.samples).as("a series seen 29 minutes: its recent level only").isNull();
        feed(MONDAY + 29 * MIN, 2, t -> usual());
        assertThat(java.util.Arrays.stream(tracker.baseline.samples).sum()).isEqualTo(1);
        assertThat(tracker.baseline.expected(MONDAY + 31 * MIN, SETTINGS).seasonal()).isFalse();
    }

    @Test
    void theUsualNoiseIsNoAnomaly() {
        feed(MONDAY, 3 * 60, t -> usual());
        assertThat(changes).isEmpty();
    }

    @Test
    void aDeviationOfFiveMinutesFiresOnceWithItsStartAndResolvesTenMinutesAfterItEnds() {
        feed(MONDAY, 60, t -> usual());
        long start = MONDAY + 60 * MIN;
        feed(start, 15, t -> 0.95);
        feed(start + 15 * MIN, 20, t -> usual());
        assertThat(changes).extracting(AnomalyTracker.Change::status).containsExactly("firing", "resolved");
        AnomalyTracker.Change firing = changes.get(0);
        assertThat(firing.since()).isEqualTo(start);
        assertThat(firing.at()).as("five minutes after it began").isEqualTo(start + 5 * MIN);
        assertThat(firing.expected()).isBetween(0.28, 0.32);
        assertThat(firing.summary("checkout abandonment at payment"))
                .isEqualTo("checkout abandonment at payment is 3.2× its level of the last hour since 01:00 UTC");
        assertThat(changes.get(1).since()).isEqualTo(start + 15 * MIN);
        assertThat(changes.get(1).at()).isEqualTo(start + 25 * MIN);
    }

    @Test
    void aSpikeShorterThanFiveMinutesIsNoAnomaly() {
        feed(MONDAY, 60, t -> usual());
        feed(MONDAY + 60 * MIN, 4, t -> 0.95);
        feed(MONDAY + 64 * MIN, 30, t -> usual());
        assertThat(changes).isEmpty();
    }

    @Test
    void aDeviationMayBeginWithAMinuteHalfwayBeyondTheThreshold() {
        // the usual 0.30 varies by 0.03 at least (a tenth of it): 0.38 is 2.7 of them, 0.95 far beyond 4
        feed(MONDAY, 60, t -> usual());
        long start = MONDAY + 60 * MIN;
        feed(start, 1, t -> 0.38);
        feed(start + MIN, 4, t -> 0.95);
        assertThat(changes).as("a diluted first minute and four beyond").singleElement().satisfies(c -> {
            assertThat(c.since()).isEqualTo(start);
            assertThat(c.at()).as("five minutes after it began").isEqualTo(start + 5 * MIN);
        });
    }

    @Test
    void aMinuteHalfwayBeyondTheThresholdNeitherStartsADeviationNorLeadsIntoOneOnTheOtherSide() {
        feed(MONDAY, 60, t -> usual());
        feed(MONDAY + 60 * MIN, 5, t -> 0.38);
        feed(MONDAY + 65 * MIN, 1, t -> 0.22);
        feed(MONDAY + 66 * MIN, 4, t -> 0.95);
        feed(MONDAY + 70 * MIN, 1, t -> 0.38);
        feed(MONDAY + 71 * MIN, 1, t -> 0.30);
        feed(MONDAY + 72 * MIN, 4, t -> 0.95);
        assertThat(changes).as("halfway for five minutes, a lead-in below, one a minute too early").isEmpty();
        feed(MONDAY + 76 * MIN, 1, t -> 0.95);
        assertThat(changes).as("five minutes beyond").extracting(AnomalyTracker.Change::since)
                .containsExactly(MONDAY + 72 * MIN);
    }

    @Test
    void aWeeklyRushHourIsUsualOnceTheHourOfTheWeekHasBeenSeen() {
        // every Tuesday 14:00-15:00 the rate doubles: after two weeks, the third is expected
        java.util.function.LongToDoubleFunction week = t -> SeasonalBaseline.hourOfWeek(t) == 24 + 14 ? 0.6 + 0.02
                * noise.nextGaussian() : usual();
        feed(MONDAY, 14 * 24 * 60, week);
        changes.clear();
        feed(MONDAY + 14 * 24 * 60 * MIN, 2 * 24 * 60, week);
        assertThat(changes).as("the third Tuesday at 14:00").isEmpty();
        // but a doubling at that hour on a Wednesday is an anomaly, said against the usual Wednesday
        feed(MONDAY + 16 * 24 * 60 * MIN + 14 * 60 * MIN, 6, t -> 0.6);
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.seasonal()).isTrue();
            assertThat(c.summary("abandonment")).startsWith("abandonment is 2.0× its usual Wednesday 14:00 level since 14:00");
        });
    }

    /** Errors of one page: 2 every fifth minute, none in between (no point: the window saw none). */
    private List<AnomalyTracker.Change> countEveryFifthMinute(AnomalyTracker t, long from, int minutes) {
        List<AnomalyTracker.Change> seen = new ArrayList<>();
        for (int m = 0; m < minutes; m += 5) {
            seen.addAll(t.observeCount(from + m * MIN, 2, 1, SETTINGS));
        }
        return seen;
    }

    @Test
    void aCountLearnsItsMinutesWithoutAPointAsZeros() {
        AnomalyTracker t = new AnomalyTracker();
        assertThat(countEveryFifthMinute(t, MONDAY, 120)).isEmpty();
        assertThat(t.baseline.recentMean).as("2 errors in 5 minutes").isBetween(0.3, 0.5);
        // five errors a minute for five minutes is 4.6 of its standard deviations (at least 1) above
        List<AnomalyTracker.Change> seen = new ArrayList<>();
        for (int m = 120; m < 125; m++) {
            seen.addAll(t.observeCount(MONDAY + m * MIN, 5, 1, SETTINGS));
        }
        assertThat(seen).extracting(AnomalyTracker.Change::status).containsExactly("firing");

        AnomalyTracker onlyPoints = new AnomalyTracker();
        for (int m = 0; m < 120; m += 5) {
            onlyPoints.observe(MONDAY + m * MIN, 2, 1, SETTINGS);
        }
        assertThat(onlyPoints.baseline.recentMean).as("learned from its points alone, as before").isEqualTo(2.0);
    }

    @Test
    void aCountAnomalyResolvesTenMinutesAfterItsLastErrorEvenIfTheNextPointIsLate() {
        AnomalyTracker t = new AnomalyTracker();
        countEveryFifthMinute(t, MONDAY, 120);
        List<AnomalyTracker.Change> seen = new ArrayList<>();
        for (int m = 120; m < 128; m++) {
            seen.addAll(t.observeCount(MONDAY + m * MIN, 12, 1, SETTINGS));
        }
        // silence, then an error three hours later
        seen.addAll(t.observeCount(MONDAY + 308 * MIN, 2, 1, SETTINGS));
        assertThat(seen).extracting(AnomalyTracker.Change::status).containsExactly("firing", "resolved");
        AnomalyTracker.Change resolved = seen.get(1);
        assertThat(resolved.since()).as("the end of the last minute of errors").isEqualTo(MONDAY + 128 * MIN);
        assertThat(resolved.at()).isEqualTo(MONDAY + 138 * MIN);
        assertThat(t.lastMinute).isEqualTo(MONDAY + 308 * MIN);
    }

    @Test
    void aCountSilentForMoreThanAWeekLearnsTheLastWeekOfZerosOnly() {
        AnomalyTracker t = new AnomalyTracker();
        t.observeCount(MONDAY, 3, 1, SETTINGS);
        t.observeCount(MONDAY + 30L * 24 * 60 * MIN, 3, 1, SETTINGS);
        assertThat(t.baseline.recentSamples).isEqualTo(1 + AnomalyTracker.MAX_ZERO_FILLED_MINUTES + 1);
        int hoursOfWeek = java.util.Arrays.stream(t.baseline.samples).sum();
        assertThat(hoursOfWeek).as("from the thirtieth minute on")
                .isEqualTo(1 + AnomalyTracker.MAX_ZERO_FILLED_MINUTES + 1 - SeasonalBaseline.SEASONAL_AFTER);
    }

    /**
     * A busy count (twenty errors a minute) spikes, then falls silent: its silent minutes are far
     * below its usual level, on the other side of the anomaly, so they resolve it rather than keep it
     * open; a fall of its own would start a deviation of its own.
     */
    @Test
    void aBusyCountThatFallsSilentAfterASpikeResolves() {
        AnomalyTracker t = new AnomalyTracker();
        List<AnomalyTracker.Change> seen = new ArrayList<>();
        for (int m = 0; m < 120; m++) {
            seen.addAll(t.observeCount(MONDAY + m * MIN, Math.round(20 + 4 * noise.nextGaussian()), 1, SETTINGS));
        }
        for (int m = 120; m < 126; m++) {
            seen.addAll(t.observeCount(MONDAY + m * MIN, 60, 1, SETTINGS));
        }
        seen.addAll(t.observeCount(MONDAY + 200 * MIN, 20, 1, SETTINGS)); // silence, then errors as usual
        assertThat(seen).extracting(AnomalyTracker.Change::status).containsExactly("firing", "resolved");
        assertThat(seen.get(1).at()).isEqualTo(MONDAY + 136 * MIN);
    }

    @Test
    void aSummarySaysTheTwoValuesWhereARatioWouldBeAbsurd() {
        long at = MONDAY + 61 * MIN;
        assertThat(new AnomalyTracker.Change("firing", MONDAY + 56 * MIN, at, 12, 1e-40, 12, false)
                .summary("errors (page type checkout)"))
                .isEqualTo("errors (page type checkout) is 12.0 where its level of the last hour is 0 since 00:56 UTC");
        assertThat(new AnomalyTracker.Change("firing", MONDAY + 56 * MIN, at, 0.42, 0.0007, 80, false)
                .summary("crash rate")).isEqualTo("crash rate is 0.420 where its level of the last hour is 0.000700 since 00:56 UTC");
        assertThat(new AnomalyTracker.Change("firing", MONDAY + 56 * MIN, at, 0.6, 0.3, 8, false)
                .summary("abandonment")).isEqualTo("abandonment is 2.0× its level of the last hour since 00:56 UTC");
    }
}
