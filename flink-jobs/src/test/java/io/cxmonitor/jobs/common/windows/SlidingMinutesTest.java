package io.cxmonitor.jobs.common.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.jobs.common.influx.InfluxPoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlidingMinutesTest {

    private static final long T0 = 1_795_424_400_000L; // on a minute
    private static final long MIN = 60_000;
    private static final Duration SIZE = Duration.ofMinutes(15);
    private static final Duration LATENESS = Duration.ofMinutes(2);

    private KeyedOneInputStreamOperatorTestHarness<String, Long, InfluxPoint> harness;

    @BeforeEach
    void setUp() throws Exception {
        PointsOf<String, Long> points = (key, end, count, out) -> {
            InfluxPoint p = new InfluxPoint();
            p.measurement = key;
            p.line = end + " " + count;
            out.accept(p);
        };
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SlidingMinutes<>(SIZE, LATENESS, Accumulate.<Long>count(), points), (Long ts) -> "k", Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void element(long ts) throws Exception {
        harness.processElement(new StreamRecord<>(ts, ts));
    }

    /** The points published so far, window end to count, the last one of each end winning. */
    private Map<Long, Long> latest() {
        Map<Long, Long> byEnd = new TreeMap<>();
        for (InfluxPoint p : harness.extractOutputValues()) {
            String[] parts = p.line.split(" ");
            byEnd.put(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        }
        return byEnd;
    }

    private List<Long> sliceMinutes() throws Exception {
        harness.getOperator().setCurrentKey("k");
        MapState<Long, Long> slices = harness.getOperator().getKeyedStateBackend().getPartitionedState(
                VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                new MapStateDescriptor<>("slices", Types.LONG, Types.LONG));
        List<Long> minutes = new ArrayList<>();
        slices.keys().forEach(minutes::add);
        return minutes;
    }

    private static Map<Long, Long> expected(List<Long> counted) {
        Map<Long, Long> byEnd = new TreeMap<>();
        for (long ts : counted) {
            long minute = ts - Math.floorMod(ts, MIN);
            for (long end = minute + MIN; end <= minute + SIZE.toMillis(); end += MIN) {
                byEnd.merge(end, 1L, Long::sum);
            }
        }
        return byEnd;
    }

    @Test
    void everyWindowOfFifteenMinutesIsPublishedOnceWithWhatItHolds() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        List<Long> all = new ArrayList<>();
        for (long t = T0; t < T0 + 40 * MIN; t += 1 + random.nextLong(20_000)) {
            element(t);
            all.add(t);
            harness.processWatermark(new Watermark(t - 10_000));
        }
        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(latest()).isEqualTo(expected(all));
        assertThat(harness.extractOutputValues()).as("each window once").hasSize(expected(all).size());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aLateElementCorrectsTheWindowsItBelongsToThatAreNotGoneAndATooLateOneIsDropped() throws Exception {
        List<Long> counted = new ArrayList<>();
        for (int m = 0; m < 20; m++) {
            element(T0 + m * MIN + 5_000);
            counted.add(T0 + m * MIN + 5_000);
        }
        harness.processWatermark(new Watermark(T0 + 20 * MIN));
        Map<Long, Long> before = latest();
        assertThat(before).containsEntry(T0 + 20 * MIN, 15L).doesNotContainKey(T0 + 21 * MIN);

        element(T0 + 19 * MIN + 30_000); // a minute late: the window ending at 20 min changes
        element(T0 + 3 * MIN); // its last window ended at 18 min, beyond the lateness: dropped
        counted.add(T0 + 19 * MIN + 30_000);
        assertThat(sliceMinutes()).as("no slice for the element too late").doesNotContain(T0 + 3 * MIN)
                .contains(T0 + 19 * MIN);
        harness.processWatermark(new Watermark(T0 + 20 * MIN + 1_000));
        assertThat(latest()).containsEntry(T0 + 20 * MIN, 16L);

        harness.processWatermark(new Watermark(Long.MAX_VALUE));
        assertThat(latest()).isEqualTo(expected(counted));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aKeyThatFallsQuietIsForgotten() throws Exception {
        element(T0 + 5_000);
        harness.processWatermark(new Watermark(T0 + 16 * MIN)); // its last window is published
        assertThat(latest()).hasSize(15);
        harness.processWatermark(new Watermark(T0 + 18 * MIN)); // and beyond the lateness
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        Map<Long, Long> published = new LinkedHashMap<>(latest());
        assertThat(published.values()).containsOnly(1L);
    }
}
