package io.cxmonitor.jobs.journeys;

import io.cxmonitor.jobs.privacy.ForgetApplied;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.domain.friction.FrictionEvent;
import io.cxmonitor.domain.friction.FrictionRules;
import io.cxmonitor.domain.friction.FrictionSignal;
import io.cxmonitor.domain.journeys.Funnel;
import io.cxmonitor.domain.journeys.SessionAnalyzer;
import io.cxmonitor.domain.journeys.Sessions;
import io.cxmonitor.domain.journeys.SessionSummary;
import io.cxmonitor.domain.privacy.ForgetRequest;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.journeys.SessionTracker;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The session tracker driven by watermarks: order, closing, bad experiences, and no state left behind. */
class SessionTrackerTest {

    private static final long START = 1_795_424_400_000L;
    private static final long MINUTE = 60_000;
    private static final long GAP = 30 * MINUTE;

    private KeyedTwoInputStreamOperatorTestHarness<String, CxEvent, ForgetRequest, FrictionEvent> harness;
    private int ids;

    @BeforeEach
    void setUp() throws Exception {
        SessionTracker tracker = new SessionTracker(new SessionAnalyzer(FrictionRules.DEFAULT, Funnel.GA4),
                new Sessions(Duration.ofMillis(GAP), Duration.ofHours(24)));
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(tracker),
                CxEvent::subjectId, (ForgetRequest r) -> r.customerId, Types.STRING);
        harness.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private CxEvent event(EventType type, long offset) {
        CxEvent e = new CxEvent(Stream.CLICKSTREAM, type, "e" + (++ids), START + offset);
        e.customerId = "c1";
        e.sessionId = "s1";
        e.pageType = "product";
        return e;
    }

    private CxEvent click(long offset) {
        CxEvent e = event(EventType.CLICK, offset);
        e.element = "#buy";
        e.x = 10.0;
        e.y = 10.0;
        return e;
    }

    private void send(CxEvent... events) throws Exception {
        for (CxEvent e : events) {
            harness.processElement1(new StreamRecord<>(e, e.ts));
        }
    }

    private List<SessionSummary> sessions() {
        return harness.getSideOutput(SessionTracker.SESSIONS) == null ? List.of()
                : harness.getSideOutput(SessionTracker.SESSIONS).stream().map(r -> r.getValue()).collect(Collectors.toList());
    }

    private List<BadExperience> experiences() {
        return harness.getSideOutput(SessionTracker.EXPERIENCES) == null ? List.of()
                : harness.getSideOutput(SessionTracker.EXPERIENCES).stream().map(r -> r.getValue()).collect(Collectors.toList());
    }

    @Test
    void eventsWaitForTheWatermarkAndAreAnalysedInEventTimeOrder() throws Exception {
        // the third click arrives first: in arrival order there would be no burst of three within 1 s
        send(click(900), click(0), click(400));
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.processBothWatermarks(new Watermark(START + 5_000));
        send(event(EventType.PAGE_VIEW, 10_000));
        harness.processBothWatermarks(new Watermark(START + 10_000));
        assertThat(harness.extractOutputValues()).extracting(f -> f.signal).containsExactly(FrictionSignal.RAGE_CLICK);
    }

    @Test
    void aSessionClosesThirtyMinutesAfterItsLastEventAndLeavesNoState() throws Exception {
        send(event(EventType.PAGE_VIEW, 0), event(EventType.ADD_TO_CART, MINUTE), event(EventType.JS_ERROR, 2 * MINUTE));
        harness.processBothWatermarks(new Watermark(START + 2 * MINUTE + GAP - 1));
        assertThat(sessions()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processBothWatermarks(new Watermark(START + 2 * MINUTE + GAP));
        assertThat(sessions()).singleElement().satisfies(s -> {
            assertThat(s.eventCount).isEqualTo(3);
            assertThat(s.abandoned).isTrue();
        });
        assertThat(experiences()).extracting(b -> b.kind).containsExactly(BadExperienceKind.ABANDONED_AFTER_FRICTION);
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aGapLongerThanThirtyMinutesStartsANewSession() throws Exception {
        send(event(EventType.PAGE_VIEW, 0), event(EventType.PAGE_VIEW, GAP + MINUTE));
        harness.processBothWatermarks(new Watermark(START + 3 * GAP));
        assertThat(sessions()).hasSize(2);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aSessionStaysOpenWhileEventsKeepComing() throws Exception {
        for (int i = 0; i < 5; i++) {
            send(event(EventType.PAGE_VIEW, i * 20 * MINUTE));
            harness.processBothWatermarks(new Watermark(START + i * 20 * MINUTE));
        }
        assertThat(sessions()).as("an open session is never counted").isEmpty();
        harness.processBothWatermarks(new Watermark(START + 80 * MINUTE + GAP));
        assertThat(sessions()).singleElement().satisfies(s -> assertThat(s.eventCount).isEqualTo(5));
    }

    @Test
    void theEndOfABoundedInputDoesNotCloseOpenSessions() throws Exception {
        send(event(EventType.ADD_TO_CART, 0));
        harness.processBothWatermarks(new Watermark(Long.MAX_VALUE));
        assertThat(sessions()).as("an open session is never counted as abandoned").isEmpty();
    }

    @Test
    void aLateEventWithinTheAllowedLatenessJoinsItsSession() throws Exception {
        send(event(EventType.PAGE_VIEW, MINUTE));
        harness.processBothWatermarks(new Watermark(START + 2 * MINUTE));
        send(event(EventType.VIEW_ITEM, 30_000));
        harness.processBothWatermarks(new Watermark(START + MINUTE + GAP));
        assertThat(sessions()).singleElement().satisfies(s -> assertThat(s.eventCount).isEqualTo(2));
    }

    @Test
    void aForgottenCustomersOpenSessionIsDroppedNeitherJourneyNorAbandonment() throws Exception {
        send(event(EventType.VIEW_ITEM, 0), event(EventType.ADD_TO_CART, MINUTE));
        harness.processBothWatermarks(new Watermark(START + 2 * MINUTE));
        assertThat(harness.numKeyedStateEntries()).isPositive();

        harness.processElement2(new StreamRecord<>(new ForgetRequest("c1", "r1")));
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.getSideOutput(ForgetApplied.TAG)).extracting(r -> r.getValue().operator)
                .containsExactly(SessionTracker.FORGETS);

        harness.processBothWatermarks(new Watermark(START + 3 * GAP));
        assertThat(sessions()).as("the open cart was forgotten, not abandoned").isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();

        send(event(EventType.PAGE_VIEW, 4 * GAP));
        harness.processBothWatermarks(new Watermark(START + 6 * GAP));
        assertThat(sessions()).as("a later event starts from nothing").singleElement()
                .satisfies(s -> assertThat(s.abandoned).isFalse());
    }
}
