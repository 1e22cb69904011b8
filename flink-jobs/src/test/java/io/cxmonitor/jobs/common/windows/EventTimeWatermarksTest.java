package io.cxmonitor.jobs.common.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.ManualClock;
import org.apache.flink.util.clock.RelativeClock;
import org.apache.flink.util.clock.SystemClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventTimeWatermarksTest {

    private final List<Long> watermarks = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    };

    private static WatermarkGenerator<Long> generator(EventTimeWatermarks.DrivesTime<Long> drives) {
        return generator(drives, SystemClock.getInstance());
    }

    private static WatermarkGenerator<Long> generator(EventTimeWatermarks.DrivesTime<Long> drives, RelativeClock clock) {
        CxConfig config = CxConfig.load(Map.of(), Map.of(), Map.of(CxOptions.WATERMARK_MAX_AHEAD.key(), "1 min",
                CxOptions.WATERMARK_OUT_OF_ORDERNESS.key(), "10 s"));
        return EventTimeWatermarks.<Long>of(config, ts -> ts, drives).createWatermarkGenerator(
                new WatermarkGeneratorSupplier.Context() {
                    @Override
                    public org.apache.flink.metrics.MetricGroup getMetricGroup() {
                        return new UnregisteredMetricsGroup();
                    }

                    @Override
                    public org.apache.flink.util.clock.RelativeClock getInputActivityClock() {
                        return clock;
                    }
                });
    }

    @Test
    void oneEventADayAheadMovesEventTimeNoFurtherThanAMinuteAheadOfTheClock() {
        WatermarkGenerator<Long> g = generator(ts -> true);
        long now = System.currentTimeMillis();
        long dayAhead = now + 23 * 3_600_000L;
        g.onEvent(dayAhead, dayAhead, output);
        g.onPeriodicEmit(output);
        assertThat(watermarks).isNotEmpty();
        assertThat(watermarks.get(watermarks.size() - 1)).isLessThanOrEqualTo(System.currentTimeMillis() + 60_000)
                .isGreaterThanOrEqualTo(now + 60_000 - 10_001);
    }

    @Test
    void recordsThatDoNotDriveTimeLeaveItAlone() {
        WatermarkGenerator<Long> g = generator(ts -> ts < 2_000_000_000_000L);
        long past = System.currentTimeMillis() - 3_600_000;
        g.onEvent(past, past, output);
        g.onEvent(3_000_000_000_000L, 3_000_000_000_000L, output);
        g.onPeriodicEmit(output);
        assertThat(watermarks.get(watermarks.size() - 1)).isEqualTo(past - 10_000 - 1);
    }

    @Test
    void aPartitionQuietForTheOutOfOrdernessHasSentItsLastSecondsAndEventTimeReachesThem() {
        ManualClock clock = new ManualClock(1_000_000_000L);
        WatermarkGenerator<Long> g = generator(ts -> true, clock);
        long t = System.currentTimeMillis() - 3_600_000;
        for (int i = 0; i < 12; i++) { // a burst of twelve within three seconds, then nothing
            g.onEvent(t + i * 250, t + i * 250, output);
        }
        long last = t + 11 * 250;
        g.onPeriodicEmit(output);
        clock.advanceTime(Duration.ofSeconds(9));
        g.onPeriodicEmit(output);
        assertThat(watermarks).as("within the out-of-orderness, later events may still come").last()
                .isEqualTo(last - 10_000 - 1);
        clock.advanceTime(Duration.ofSeconds(1));
        g.onPeriodicEmit(output);
        assertThat(watermarks).as("quiet for 10 s: the burst is complete").last().isEqualTo(last);
        g.onPeriodicEmit(output);
        assertThat(watermarks).as("never back, never twice").filteredOn(w -> w == last).hasSize(1);
        assertThat(watermarks).isSorted();

        g.onEvent(last + 60_000, last + 60_000, output);
        clock.advanceTime(Duration.ofSeconds(2));
        g.onPeriodicEmit(output);
        assertThat(watermarks).as("events again: the bound again").last().isEqualTo(last + 60_000 - 10_000 - 1);
    }

    @Test
    void aBackPressuredPartitionIsNotQuiet() {
        ManualClock clock = new ManualClock(1_000_000_000L); // stands still while the source is blocked
        WatermarkGenerator<Long> g = generator(ts -> true, clock);
        long t = System.currentTimeMillis() - 3_600_000;
        g.onEvent(t, t, output);
        for (int i = 0; i < 100; i++) {
            g.onPeriodicEmit(output);
        }
        assertThat(watermarks).containsOnly(t - 10_000 - 1);
    }
}
