package io.cxmonitor.jobs.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.journeys.SessionAnalyzer;
import io.cxmonitor.domain.journeys.SessionSummary;
import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.SignalRules;
import io.cxmonitor.jobs.privacy.ForgetApplied;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class JourneyJoinerTest {

    private static final long T = 1_795_392_000_000L;

    @Test
    void forgettingACustomerDropsTheirWaitingSessionsAndNoOneElses() throws Exception {
        CxConfig config = CxConfig.load(Map.of(), Map.of(), Map.of());
        JourneyJoiner joiner = new JourneyJoiner(new SessionAnalyzer(SignalRules.friction(config), SignalRules.funnel(config)),
                SignalRules.sessions(config));
        try (var h = new KeyedTwoInputStreamOperatorTestHarness<String, DeviceSession, ForgetRequest, SessionSummary>(
                new KeyedCoProcessOperator<>(joiner), d -> d.customerId, r -> r.customerId, Types.STRING)) {
            h.open();
            h.processElement1(new StreamRecord<>(DeviceSession.opened("c1", "a-web", T), T));
            h.processElement1(new StreamRecord<>(DeviceSession.opened("c1", "a-app", T + 60_000), T + 60_000));
            h.processElement1(new StreamRecord<>(DeviceSession.opened("c2", "a-other", T), T));
            assertThat(h.numKeyedStateEntries()).isEqualTo(2);

            h.processElement2(new StreamRecord<>(new ForgetRequest("c1", "r1")));

            assertThat(h.numKeyedStateEntries()).as("only c2's sessions are left").isEqualTo(1);
            assertThat(h.getSideOutput(ForgetApplied.TAG)).singleElement()
                    .satisfies(r -> assertThat(r.getValue().operator).isEqualTo(JourneyJoiner.FORGETS));
            h.processBothWatermarks(new Watermark(Long.MAX_VALUE));
            assertThat(h.extractOutputValues()).as("nothing of c1 is joined into a journey").isEmpty();
        }
    }
}
