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
import org.apache.flink.util.clock.SystemClock;
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
                        return SystemClock.getInstance();
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
}
