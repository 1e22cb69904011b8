package io.cxmonitor.jobs.common.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives a one-minute count window with the trigger through processing time and watermarks. */
class EarlyFiringTriggerTest {

    private static final long MINUTE = 60_000;
    private static final long UPDATE = 5_000;
    private static final long LATENESS = 30_000;

    private KeyedOneInputStreamOperatorTestHarness<String, String, String> harness;

    @BeforeEach
    void setUp() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KeySelector<String, String> key = s -> s;
        SingleOutputStreamOperator<String> counts = env.fromData("a")
                .keyBy(key)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(MINUTE)))
                .trigger(EarlyFiringTrigger.every(Duration.ofMillis(UPDATE)))
                .allowedLateness(Duration.ofMillis(LATENESS))
                .aggregate(Accumulate.count(), new Describe(), Types.LONG, Types.LONG, Types.STRING);
        @SuppressWarnings("unchecked")
        OneInputTransformation<String, String> transformation =
                (OneInputTransformation<String, String>) counts.getTransformation();
        @SuppressWarnings("unchecked")
        OneInputStreamOperator<String, String> operator = (OneInputStreamOperator<String, String>)
                ((SimpleOperatorFactory<String>) transformation.getOperatorFactory()).getOperator();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, key, Types.STRING);
        harness.open();
        harness.setProcessingTime(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    @Test
    void publishesTheRunningCountOfAnOpenWindowAfterTheUpdateInterval() throws Exception {
        harness.processElement(new StreamRecord<>("a", 1_000));
        harness.processElement(new StreamRecord<>("a", 2_000));
        assertThat(results()).isEmpty();

        harness.setProcessingTime(UPDATE);
        assertThat(results()).containsExactly("a@60000=2");

        harness.processElement(new StreamRecord<>("a", 3_000));
        harness.setProcessingTime(2 * UPDATE);
        assertThat(results()).containsExactly("a@60000=3");
    }

    @Test
    void staysQuietWhenNothingNewArrived() throws Exception {
        harness.processElement(new StreamRecord<>("a", 1_000));
        harness.setProcessingTime(UPDATE);
        results();
        harness.setProcessingTime(10 * UPDATE);
        assertThat(results()).isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void firesTheFinalCountWhenTheWatermarkPassesAndCancelsThePendingUpdate() throws Exception {
        harness.processElement(new StreamRecord<>("a", 1_000));
        harness.processWatermark(new Watermark(MINUTE - 1));
        assertThat(results()).containsExactly("a@60000=1");
        assertThat(harness.numProcessingTimeTimers()).isZero();
        harness.setProcessingTime(UPDATE);
        assertThat(results()).isEmpty();
    }

    @Test
    void correctsTheResultForLateEventsOnceAtTheNextWatermarkAndDropsLaterOnes() throws Exception {
        harness.processElement(new StreamRecord<>("a", 1_000));
        harness.processWatermark(new Watermark(MINUTE + 10_000));
        assertThat(results()).containsExactly("a@60000=1");

        harness.processElement(new StreamRecord<>("a", 2_000));
        harness.processElement(new StreamRecord<>("a", 2_500));
        assertThat(results()).as("one correction for both, not one each").isEmpty();
        harness.processWatermark(new Watermark(MINUTE + 10_001));
        assertThat(results()).containsExactly("a@60000=3");

        harness.processWatermark(new Watermark(MINUTE + LATENESS));
        harness.processElement(new StreamRecord<>("a", 3_000));
        assertThat(results()).isEmpty();
    }

    @Test
    void correctsTheResultForALateEventAfterTheUpdateIntervalWhenTheWatermarkStalls() throws Exception {
        harness.processElement(new StreamRecord<>("a", 1_000));
        harness.processWatermark(new Watermark(MINUTE + 10_000));
        results();
        harness.processElement(new StreamRecord<>("a", 2_000));
        harness.setProcessingTime(UPDATE);
        assertThat(results()).containsExactly("a@60000=2");
    }

    @Test
    void leavesNoStateOrTimerBehindOnceTheWindowIsCleanedUp() throws Exception {
        harness.processElement(new StreamRecord<>("a", 1_000));
        harness.processElement(new StreamRecord<>("b", 61_000));
        harness.setProcessingTime(UPDATE);
        harness.processElement(new StreamRecord<>("a", 1_500));
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processWatermark(new Watermark(2 * MINUTE + LATENESS));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    private List<String> results() {
        List<String> out = harness.extractOutputValues();
        harness.getOutput().clear();
        return out.stream().collect(Collectors.toList());
    }

    private static final class Describe extends ProcessWindowFunction<Long, String, String, TimeWindow> {
        @Override
        public void process(String key, Context ctx, Iterable<Long> counts, Collector<String> out) {
            out.collect(key + "@" + ctx.window().getEnd() + "=" + counts.iterator().next());
        }
    }
}
