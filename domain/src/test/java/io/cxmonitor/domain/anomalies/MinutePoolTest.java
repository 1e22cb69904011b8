package io.cxmonitor.domain.anomalies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class MinutePoolTest {

    private static final long MIN = 60_000;
    /** Monday 2026-11-23 00:00 UTC. */
    private static final long MONDAY = 1_795_392_000_000L;

    @Test
    void aMinuteThatReachesTheWeightIsJudgedAlone() {
        MinutePool pool = new MinutePool();
        pool.add(MONDAY, 0.9, 30, 20);
        assertThat(pool.add(MONDAY + MIN, 0.1, 25, 20)).isEqualTo(0.1);
    }

    @Test
    void aThinMinuteIsJudgedWithTheMinutesBeforeItAsOneLongerMinute() {
        MinutePool pool = new MinutePool();
        assertThat(pool.add(MONDAY, 0.0, 5, 20)).as("5 app starts").isNaN();
        assertThat(pool.add(MONDAY + MIN, 0.2, 5, 20)).as("10").isNaN();
        assertThat(pool.add(MONDAY + 2 * MIN, 0.0, 5, 20)).as("15").isNaN();
        // 1 crash of 5 starts, then 3 of 5: 4 crashes of the last 20 starts
        assertThat(pool.add(MONDAY + 3 * MIN, 0.6, 5, 20)).isCloseTo(4 / 20.0, within(1e-12));
        // the oldest no longer needed: 2 + 3 + 0 crashes of 10 + 5 + 5 starts
        assertThat(pool.add(MONDAY + 4 * MIN, 0.2, 10, 20)).isCloseTo(5 / 20.0, within(1e-12));
    }

    @Test
    void minutesMoreThanTenMinutesBackAreNeverPooled() {
        MinutePool pool = new MinutePool();
        pool.add(MONDAY, 0.5, 15, 20);
        assertThat(pool.add(MONDAY + 10 * MIN, 0.0, 5, 20)).as("the 15 starts are 10 minutes back").isNaN();
        assertThat(pool.add(MONDAY + 11 * MIN, 0.0, 15, 20)).as("5 + 15 within ten minutes").isZero();
    }

    @Test
    void aMinuteNotLaterThanTheLastIsNotAddedTwice() {
        MinutePool pool = new MinutePool();
        pool.add(MONDAY + MIN, 0.5, 10, 20);
        assertThat(pool.add(MONDAY + MIN, 0.5, 10, 20)).isNaN();
        assertThat(pool.add(MONDAY, 0.5, 10, 20)).isNaN();
        assertThat(pool.size).isEqualTo(1);
    }

    @Property
    void thePooledValueIsTheRateOfTheLatestMinutesThatReachTheWeight(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 12) Integer> starts,
            @ForAll @Size(min = 40, max = 40) List<@DoubleRange(min = 0, max = 1) Double> rates,
            @ForAll @IntRange(min = 1, max = 3) int gap) {
        MinutePool pool = new MinutePool();
        for (int i = 0; i < starts.size(); i++) {
            long minute = MONDAY + (long) i * gap * MIN;
            double weight = starts.get(i);
            double judged = pool.add(minute, rates.get(i), weight, 20);
            double w = 0;
            double sum = 0;
            Double expected = null;
            for (int j = i; j >= 0 && minute - MONDAY - (long) j * gap * MIN < 10 * MIN; j--) {
                w += starts.get(j);
                sum += starts.get(j) * rates.get(j);
                if (w >= 20) {
                    expected = j == i ? rates.get(i) : sum / w;
                    break;
                }
            }
            if (expected == null) {
                assertThat(judged).isNaN();
            } else {
                assertThat(judged).isCloseTo(expected, within(1e-9));
            }
            assertThat(pool.size).isLessThanOrEqualTo(MinutePool.SPAN_MINUTES);
        }
    }

    /**
     * A crash spike of one app version at low traffic: three to seven app starts a minute, a crash
     * in 1% of them, then in 40%. No minute reaches the 20 starts a rate needs, so minute by minute
     * nothing is judged. Pooled, the spike is found in 98 of 100 runs or more, in most within eight
     * minutes and in 62 within five (the minute before it can begin it when halfway beyond the threshold
     * by chance: 1 run in 100 said it began a minute early); and none of the runs' five quiet hours (a
     * crash or two close together) pages.
     */
    @Test
    void aCrashSpikeOfAThinSeriesIsFoundAndItsQuietHoursAreNot() {
        int falseAlarms = 0;
        int[] foundAfter = new int[21];
        for (int seed = 0; seed < 100; seed++) {
            Random random = new Random(seed);
            AnomalyTracker tracker = new AnomalyTracker();
            long spike = MONDAY + 300 * MIN;
            for (long t = MONDAY; t < spike + 20 * MIN; t += MIN) {
                double p = t < spike ? 0.01 : 0.4;
                int starts = 3 + random.nextInt(5);
                int crashes = 0;
                for (int i = 0; i < starts; i++) {
                    crashes += random.nextDouble() < p ? 1 : 0;
                }
                AnomalyTracker.Change c = tracker.observe(t, (double) crashes / starts, starts, 20, 0.005,
                        AnomalySettings.DEFAULT);
                if (c != null && c.status().equals("firing")) {
                    if (c.at() <= spike) {
                        falseAlarms++;
                    } else {
                        assertThat(c.since()).as("it began with the spike, or with a minute halfway there just before")
                                .isGreaterThanOrEqualTo(spike - MIN);
                        foundAfter[(int) ((c.at() - spike) / MIN)]++;
                    }
                }
            }
        }
        System.out.printf("thin crash spikes found after 0..20 minutes, of 100: %s; false anomalies: %d%n",
                java.util.Arrays.toString(foundAfter), falseAlarms);
        assertThat(falseAlarms).isZero();
        assertThat(java.util.Arrays.stream(foundAfter).sum()).as("found within 20 minutes").isGreaterThanOrEqualTo(98);
        assertThat(foundAfter[4] + foundAfter[5]).as("in 5 minutes (50 before a diluted first minute could begin it)")
                .isGreaterThanOrEqualTo(55);
        assertThat(foundAfter[5] + foundAfter[6] + foundAfter[7] + foundAfter[8]).as("within 8").isGreaterThanOrEqualTo(65);
    }
}
