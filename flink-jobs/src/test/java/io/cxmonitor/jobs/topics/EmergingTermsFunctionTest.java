package io.cxmonitor.jobs.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.topics.EmergingTerms;
import io.cxmonitor.domain.topics.TermExtractor;
import io.cxmonitor.jobs.sentiment.ScoredText;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.junit.jupiter.api.Test;

class EmergingTermsFunctionTest {

    private static final long MIN = 60_000;
    private static final long T0 = 1_795_424_400_000L;

    private static KeyedOneInputStreamOperatorTestHarness<Integer, ScoredText, EmergingTermsReport> harness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new EmergingTermsFunction(EmergingTerms.Settings.DEFAULT)),
                t -> EmergingTermsFunction.ALL, Types.INT);
    }

    private static ScoredText negative(String text, long customerHash) {
        ScoredText t = new ScoredText("support", "chat", -0.6);
        t.terms = TermExtractor.terms(text).toArray(new String[0]);
        t.customerHash = customerHash;
        return t;
    }

    @Test
    void aBurstOfANewComplaintIsReportedOnceTheWatermarkPassesItsFiveMinutesAndSurvivesARestart() throws Exception {
        OperatorSubtaskState snapshot;
        try (var h = harness()) {
            h.open();
            String[] usual = {"late parcel", "rude agent", "broken handle", "wrong size"};
            for (int m = 0; m < 6 * 60; m++) {
                h.processElement(new StreamRecord<>(negative(usual[m % 4], 1 + m % 300), T0 + m * MIN));
                h.processWatermark(T0 + m * MIN);
            }
            assertThat(h.extractOutputValues()).as("the usual complaints").isEmpty();
            snapshot = h.snapshot(1, 1);
        }
        try (var h = harness()) {
            h.initializeState(snapshot);
            h.open();
            long t = T0 + 6 * 60 * MIN;
            for (int i = 0; i < 8; i++) {
                h.processElement(new StreamRecord<>(negative("voucher vanished", 9_000 + i), t + i * 20_000));
            }
            h.processWatermark(t + 4 * MIN);
            assertThat(h.extractOutputValues()).as("its five minutes are not over").isEmpty();
            h.processWatermark(t + 5 * MIN);
            List<EmergingTermsReport> reports = h.extractOutputValues();
            assertThat(reports).hasSize(1);
            assertThat(reports.get(0).at).isEqualTo(t + 5 * MIN);
            assertThat(reports.get(0).terms).contains("voucher", "vanished", "voucher vanished").doesNotContain("parcel");
            assertThat(new String(reports.get(0).toJson())).contains("\"window\":\"1h\"", "\"term\":\"voucher\"",
                    "\"customers\":5");
            assertThat(TopicSignals.point(reports.get(0)).toString()).contains("term_1").doesNotContain("9000");
        }
    }
}
