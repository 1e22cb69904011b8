package io.cxmonitor.jobs.common.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class MinuteCountsTest {

    private static final long T0 = 1_795_424_400_000L; // on a minute
    private static final long MIN = 60_000;

    private static List<String> emitted(OneInputStreamOperatorTestHarness<Integer, MinuteCounts.Count> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                MinuteCounts.Count c = (MinuteCounts.Count) r.getValue();
                out.add("key " + c.key + " x" + c.count + " @" + (r.getTimestamp() - T0) / MIN);
            } else if (o instanceof Watermark w) {
                out.add("watermark " + (w.getTimestamp() - T0) / 1000 + " s");
            }
        }
        return out;
    }

    @Test
    void countsGoOutPerKeyAndMinuteBeforeTheWatermarkThatPassesThem() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new MinuteCounts<Integer>(k -> k))) {
            h.open();
            h.processElement(7, T0 + 1_000);
            h.processElement(7, T0 + 59_999);
            h.processElement(3, T0 + 2_000);
            h.processElement(7, T0 + MIN); // the next minute
            h.processWatermark(new Watermark(T0 + 50_000));
            h.processElement(7, T0 + MIN + 5);
            h.processWatermark(new Watermark(T0 + 70_000));
            h.processWatermark(new Watermark(T0 + 80_000)); // nothing new: nothing counted
            List<String> out = emitted(h);
            assertThat(out.subList(0, 3)).as("counted before the watermark that passes them")
                    .containsExactlyInAnyOrder("key 7 x2 @0", "key 3 x1 @0", "key 7 x1 @1");
            assertThat(out.subList(3, out.size()))
                    .containsExactly("watermark 50 s", "key 7 x1 @1", "watermark 70 s", "watermark 80 s");
        }
    }

    @Test
    void nothingIsHeldAcrossACheckpointOrTheEndOfTheInput() throws Exception {
        try (var h = new OneInputStreamOperatorTestHarness<>(new MinuteCounts<Integer>(k -> k))) {
            h.open();
            h.processElement(1, T0);
            h.prepareSnapshotPreBarrier(1);
            assertThat(emitted(h)).containsExactly("key 1 x1 @0");
            h.processElement(1, T0 + 1);
            h.endInput();
            h.getOperator().finish();
            assertThat(emitted(h)).containsExactly("key 1 x1 @0", "key 1 x1 @0");
        }
    }
}
