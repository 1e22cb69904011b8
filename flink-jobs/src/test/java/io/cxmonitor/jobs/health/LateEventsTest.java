package io.cxmonitor.jobs.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.ingest.EventRouter;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class LateEventsTest {

    private static final long START = 1_795_424_400_000L;

    private static CxEvent view(long ts) {
        CxEvent e = new CxEvent(Stream.CLICKSTREAM, EventType.PAGE_VIEW, "e" + ts, ts);
        e.sessionId = "s";
        return e;
    }

    @Test
    void theRouterSplitsOffEventsWhoseWindowIsGoneBeyondTheAllowedLateness() throws Exception {
        try (var harness = new OneInputStreamOperatorTestHarness<>(
                new ProcessOperator<>(new EventRouter(Duration.ofMinutes(2))))) {
            harness.open();
            harness.processWatermark(new Watermark(START + 3 * 60_000));
            harness.processElement(new StreamRecord<>(view(START + 90_000), START + 90_000)); // window ends +2m: in time
            harness.processElement(new StreamRecord<>(view(START + 30_000), START + 30_000)); // window ends +1m: late
            assertThat(harness.extractOutputValues()).extracting(e -> e.ts).containsExactly(START + 90_000);
            assertThat(harness.getSideOutput(EventRouter.LATE)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().ts).isEqualTo(START + 30_000));
            assertThat(harness.getSideOutput(EventRouter.DIGITAL)).hasSize(1);
        }
    }

    @Test
    void countsLateEventsPerMinuteOfTheirEventTimeAndForgetsThemAfterAnHour() throws Exception {
        try (var harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new LateEvents(Duration.ofSeconds(5))),
                (CxEvent e) -> e.stream.id(), Types.STRING)) {
            harness.open();
            harness.setProcessingTime(0);
            harness.processElement(new StreamRecord<>(view(START + 1_000), START));
            harness.processElement(new StreamRecord<>(view(START + 2_000), START));
            harness.setProcessingTime(5_000);
            List<InfluxPoint> points = harness.extractOutputValues();
            assertThat(points).extracting(p -> p.line)
                    .containsExactly("cx_late_events,stream=clickstream count=2i " + (START + 60_000));
            harness.setProcessingTime(2 * 3_600_000);
            harness.setProcessingTime(2 * 3_600_000 + 10_000);
            assertThat(harness.numKeyedStateEntries()).isZero();
            assertThat(harness.numProcessingTimeTimers()).isZero();
        }
    }
}
