package io.cxmonitor.jobs.journeys;

import io.cxmonitor.jobs.privacy.Privacy;
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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The session tracker driven by watermarks: order, closing, bad experiences, identity, and no state
 * left behind. A customer's device sessions are summarised here as {@link JourneyJoiner} does with
 * one device; its harness's {@code watermark(...)} moves the watermark of both inputs.
 */
class SessionTrackerTest {

    private static final long START = 1_795_424_400_000L;
    private static final long MINUTE = 60_000;
    private static final long GAP = 30 * MINUTE;

    private static final SessionAnalyzer ANALYZER = new SessionAnalyzer(FrictionRules.DEFAULT, Funnel.GA4);
    private static final long LINK_WINDOW = 10 * MINUTE;

    private KeyedBroadcastOperatorTestHarness<String, CxEvent, ForgetRequest, FrictionEvent> harness;
    private int ids;

    @BeforeEach
    void setUp() throws Exception {
        SessionTracker tracker = new SessionTracker(ANALYZER, new Sessions(Duration.ofMillis(GAP), Duration.ofHours(24),
                Duration.ofMillis(LINK_WINDOW), Duration.ofDays(30)));
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(tracker, CxEvent::deviceId, Types.STRING,
                Privacy.NO_BROADCAST_STATE);
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
            harness.processElement(new StreamRecord<>(e, e.ts));
        }
    }

    /** Journeys: of sessions nobody owns, then of the customers' device sessions. */
    private List<SessionSummary> sessions() {
        return journeys(new ArrayList<>());
    }

    /** Bad experiences: immediate ones, and those of the journeys. */
    private List<BadExperience> experiences() {
        List<BadExperience> all = harness.getSideOutput(SessionTracker.EXPERIENCES) == null ? new ArrayList<>()
                : harness.getSideOutput(SessionTracker.EXPERIENCES).stream().map(r -> r.getValue())
                        .collect(Collectors.toCollection(ArrayList::new));
        journeys(all);
        return all;
    }

    private List<SessionSummary> journeys(List<BadExperience> experiences) {
        List<SessionSummary> journeys = new ArrayList<>();
        if (harness.getSideOutput(SessionTracker.SESSIONS) != null) {
            harness.getSideOutput(SessionTracker.SESSIONS).forEach(r -> journeys.add(r.getValue()));
        }
        for (DeviceSession d : deviceSessions()) {
            if (d.finished != null) {
                journeys.add(ANALYZER.summarize(d.finished, new SessionAnalyzer.Output() {
                    @Override
                    public void friction(FrictionEvent friction) {}

                    @Override
                    public void badExperience(BadExperience experience) {
                        experiences.add(experience);
                    }
                }));
            }
        }
        return journeys;
    }

    private List<DeviceSession> deviceSessions() {
        return harness.getSideOutput(SessionTracker.DEVICE_SESSIONS) == null ? List.of()
                : harness.getSideOutput(SessionTracker.DEVICE_SESSIONS).stream().map(r -> r.getValue()).toList();
    }

    private int keyedStateEntries() {
        var operator = (AbstractStreamOperator<?>) harness.getOperator();
        return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend()).numKeyValueStateEntries();
    }

    @Test
    void eventsWaitForTheWatermarkAndAreAnalysedInEventTimeOrder() throws Exception {
        // the third click arrives first: in arrival order there would be no burst of three within 1 s
        send(click(900), click(0), click(400));
        assertThat(harness.extractOutputValues()).isEmpty();
        harness.watermark(START + 5_000);
        send(event(EventType.PAGE_VIEW, 10_000));
        harness.watermark(START + 10_000);
        assertThat(harness.extractOutputValues()).extracting(f -> f.signal).containsExactly(FrictionSignal.RAGE_CLICK);
    }

    @Test
    void aSessionClosesThirtyMinutesAfterItsLastEventAndLeavesNoState() throws Exception {
        send(event(EventType.PAGE_VIEW, 0), event(EventType.ADD_TO_CART, MINUTE), event(EventType.JS_ERROR, 2 * MINUTE));
        harness.watermark(START + 2 * MINUTE + GAP - 1);
        assertThat(sessions()).isEmpty();
        assertThat(keyedStateEntries()).isPositive();

        harness.watermark(START + 2 * MINUTE + GAP);
        assertThat(sessions()).singleElement().satisfies(s -> {
            assertThat(s.eventCount).isEqualTo(3);
            assertThat(s.abandoned).isTrue();
        });
        assertThat(experiences()).extracting(b -> b.kind).containsExactly(BadExperienceKind.ABANDONED_AFTER_FRICTION);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aGapLongerThanThirtyMinutesStartsANewSession() throws Exception {
        send(event(EventType.PAGE_VIEW, 0), event(EventType.PAGE_VIEW, GAP + MINUTE));
        harness.watermark(START + 3 * GAP);
        assertThat(sessions()).hasSize(2);
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void aSessionStaysOpenWhileEventsKeepComing() throws Exception {
        for (int i = 0; i < 5; i++) {
            send(event(EventType.PAGE_VIEW, i * 20 * MINUTE));
            harness.watermark(START + i * 20 * MINUTE);
        }
        assertThat(sessions()).as("an open session is never counted").isEmpty();
        harness.watermark(START + 80 * MINUTE + GAP);
        assertThat(sessions()).singleElement().satisfies(s -> assertThat(s.eventCount).isEqualTo(5));
    }

    @Test
    void theEndOfABoundedInputDoesNotCloseOpenSessions() throws Exception {
        send(event(EventType.ADD_TO_CART, 0));
        harness.watermark(Long.MAX_VALUE);
        assertThat(sessions()).as("an open session is never counted as abandoned").isEmpty();
    }

    @Test
    void aLateEventWithinTheAllowedLatenessJoinsItsSession() throws Exception {
        send(event(EventType.PAGE_VIEW, MINUTE));
        harness.watermark(START + 2 * MINUTE);
        send(event(EventType.VIEW_ITEM, 30_000));
        harness.watermark(START + MINUTE + GAP);
        assertThat(sessions()).singleElement().satisfies(s -> assertThat(s.eventCount).isEqualTo(2));
    }

    @Test
    void aForgottenCustomersOpenSessionIsDroppedNeitherJourneyNorAbandonment() throws Exception {
        send(event(EventType.VIEW_ITEM, 0), event(EventType.ADD_TO_CART, MINUTE));
        harness.watermark(START + 2 * MINUTE);
        assertThat(keyedStateEntries()).isPositive();

        harness.processBroadcastElement(new StreamRecord<>(new ForgetRequest("c1", "r1")));
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.getSideOutput(ForgetApplied.TAG)).extracting(r -> r.getValue().operator)
                .containsExactly(SessionTracker.FORGETS);

        harness.watermark(START + 3 * GAP);
        assertThat(sessions()).as("the open cart was forgotten, not abandoned").isEmpty();
        assertThat(keyedStateEntries()).isZero();

        send(event(EventType.PAGE_VIEW, 4 * GAP));
        harness.watermark(START + 6 * GAP);
        assertThat(sessions()).as("a later event starts from nothing").singleElement()
                .satisfies(s -> assertThat(s.abandoned).isFalse());
    }

    /** An event of device a1: a guest's when {@code customer} is null. */
    private CxEvent onDevice(EventType type, long offset, String customer) {
        CxEvent e = event(type, offset);
        e.customerId = customer;
        e.anonymousId = "a1";
        return e;
    }

    @Test
    void aGuestWhoLogsInMidSessionIsOneSessionOfTheCustomerFromItsFirstEvent() throws Exception {
        send(onDevice(EventType.VIEW_ITEM, 0, null), onDevice(EventType.ADD_TO_CART, MINUTE, null),
                onDevice(EventType.PAGE_VIEW, 2 * MINUTE, "c9"), onDevice(EventType.PURCHASE, 3 * MINUTE, "c9"),
                onDevice(EventType.PAGE_VIEW, 4 * MINUTE, null)); // after the link, without the customer id
        harness.watermark(START + 4 * MINUTE + GAP);

        assertThat(deviceSessions()).extracting(d -> d.customerId + " " + (d.finished != null) + " " + (d.start - START))
                .containsExactly("c9 false 0", "c9 true 0");
        assertThat(sessions()).singleElement().satisfies(j -> {
            assertThat(j.customerId).isEqualTo("c9");
            assertThat(j.eventCount).isEqualTo(5);
            assertThat(j.converted).isTrue();
            assertThat(j.abandoned).isFalse();
        });
        assertThat(harness.getSideOutput(SessionTracker.SESSIONS)).as("no guest journey besides").isNull();
    }

    @Test
    void aLinkedDevicesLaterSessionIsTheCustomersAndTheLinkExpires() throws Exception {
        send(onDevice(EventType.PAGE_VIEW, 0, "c9"));
        send(onDevice(EventType.ADD_TO_CART, 2 * GAP, null)); // a new session, no customer id on its events
        harness.watermark(START + 4 * GAP);
        assertThat(sessions()).extracting(j -> j.customerId + " " + j.abandoned).containsExactly("c9 false", "c9 true");

        harness.watermark(START + 2 * GAP + Duration.ofDays(30).toMillis() - 1);
        assertThat(keyedStateEntries()).as("linked for 30 days after its last session").isPositive();
        harness.watermark(START + 2 * GAP + Duration.ofDays(30).toMillis());
        assertThat(keyedStateEntries()).as("the link expired").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        send(onDevice(EventType.PAGE_VIEW, Duration.ofDays(31).toMillis() + MINUTE, null));
        harness.watermark(START + Duration.ofDays(32).toMillis());
        assertThat(sessions()).extracting(j -> j.customerId + " " + j.abandoned).as("a guest's again")
                .containsExactlyInAnyOrder("c9 false", "c9 true", "null false");
    }

    @Test
    void aGuestSessionThatEndedWithinTheLinkWindowIsTheCustomersOtherwiseAGuests() throws Exception {
        send(onDevice(EventType.ADD_TO_CART, 0, null));
        harness.watermark(START + GAP + 1);
        assertThat(sessions()).as("over, but waiting for a link").isEmpty();
        send(onDevice(EventType.PAGE_VIEW, GAP + 5 * MINUTE, "c9"));
        harness.watermark(START + GAP + 5 * MINUTE); // links are made in event-time order
        assertThat(sessions()).extracting(j -> j.customerId + " " + j.abandoned).as("claimed by the link")
                .containsExactly("c9 true");

        send(onDevice(EventType.ADD_TO_CART, 3 * GAP, "c9"));
        harness.watermark(START + 3 * GAP + 1);
        CxEvent stranger = onDevice(EventType.ADD_TO_CART, 0, null);
        stranger.anonymousId = "a2";
        send(stranger);
        harness.watermark(START + GAP + LINK_WINDOW + 1);
        harness.watermark(START + 6 * GAP);
        assertThat(sessions()).extracting(j -> j.customerId + " " + j.abandoned)
                .containsExactlyInAnyOrder("c9 true", "c9 true", "c9 false", "null true");
    }

    @Test
    void forgettingTheCustomerDropsTheLinkedDevice() throws Exception {
        send(onDevice(EventType.PAGE_VIEW, 0, "c9"), onDevice(EventType.ADD_TO_CART, MINUTE, null));
        harness.watermark(START + 2 * MINUTE);
        harness.processBroadcastElement(new StreamRecord<>(new ForgetRequest("c9", "r1")));
        assertThat(keyedStateEntries()).isZero();
        send(onDevice(EventType.PAGE_VIEW, 2 * GAP, null));
        harness.watermark(START + 4 * GAP + LINK_WINDOW);
        assertThat(sessions()).as("the device is a guest's again").extracting(j -> j.customerId)
                .containsExactly((String) null);
    }

    @Test
    void forgettingOneCustomerLeavesAnotherCustomersSessionOnTheSameDevice() throws Exception {
        send(onDevice(EventType.ADD_TO_CART, 0, "b7"), onDevice(EventType.PAGE_VIEW, MINUTE, null));
        harness.watermark(START + MINUTE);
        send(onDevice(EventType.PAGE_VIEW, 2 * MINUTE, "c9")); // c9 logs in on b7's tablet, still waiting
        harness.processBroadcastElement(new StreamRecord<>(new ForgetRequest("c9", "r1")));
        harness.watermark(START + 3 * GAP);
        assertThat(sessions()).extracting(j -> j.customerId + " " + j.eventCount + " " + j.abandoned)
                .as("b7's session, without c9's event").containsExactly("b7 2 true");
        assertThat(keyedStateEntries()).as("b7's link expires later").isPositive();
    }

    @Test
    void aLoginThatArrivesBeforeTheGuestSessionIsOverStillClaimsItWithinTheWindow() throws Exception {
        send(onDevice(EventType.ADD_TO_CART, 0, null));
        harness.watermark(START + MINUTE);
        send(onDevice(EventType.PAGE_VIEW, GAP + 5 * MINUTE, "c9")); // arrives while the guest session is open
        harness.watermark(START + 3 * GAP);
        assertThat(sessions()).extracting(j -> j.customerId + " " + j.abandoned)
                .containsExactlyInAnyOrder("c9 true", "c9 false");
    }

    @Test
    void aForgottenCustomersNextCheckoutFailureIsReportedEvenWhenTheirEventsWereStillWaiting() throws Exception {
        CxEvent failure = event(EventType.HTTP_ERROR, 0);
        failure.pageType = "checkout";
        failure.status = 503;
        send(failure); // reported on arrival, still waiting for the watermark
        assertThat(experiences()).hasSize(1);
        harness.processBroadcastElement(new StreamRecord<>(new ForgetRequest("c1", "r1")));
        assertThat(keyedStateEntries()).isZero();
        CxEvent again = event(EventType.HTTP_ERROR, MINUTE);
        again.pageType = "checkout";
        again.status = 503;
        send(again);
        assertThat(experiences()).as("a new episode, not the forgotten one").hasSize(2);
    }

    /**
     * A burst of failed payments is one bad experience; a crash ten minutes later is another, and
     * escalates the customer's alert (SPEC 3.6).
     */
    @Test
    void repeatedFailuresAreOneBadExperienceAndAnotherKindIsANewOne() throws Exception {
        for (int i = 0; i < 3; i++) {
            CxEvent failure = event(EventType.HTTP_ERROR, i * 1_000L);
            failure.pageType = "checkout";
            failure.status = 503;
            send(failure);
        }
        assertThat(experiences()).extracting(b -> b.kind).containsExactly(BadExperienceKind.CHECKOUT_FAILURE);
        CxEvent crash = new CxEvent(Stream.APP, EventType.CRASH, "e-crash", START + 10 * MINUTE);
        crash.customerId = "c1";
        crash.sessionId = "s1";
        send(crash);
        assertThat(experiences()).extracting(b -> b.kind)
                .containsExactly(BadExperienceKind.CHECKOUT_FAILURE, BadExperienceKind.APP_CRASH);
        CxEvent again = new CxEvent(Stream.APP, EventType.CRASH, "e-crash-2", START + 12 * MINUTE);
        again.customerId = "c1";
        again.sessionId = "s1";
        send(again);
        assertThat(experiences()).as("the same kind within the episode: no news").hasSize(2);
        CxEvent failureAgain = event(EventType.HTTP_ERROR, 14 * MINUTE);
        failureAgain.pageType = "checkout";
        failureAgain.status = 503;
        send(failureAgain);
        assertThat(experiences()).as("a kind the episode reported already, after another").hasSize(2);
    }

    @Test
    void aSessionKeepsOneTimerToCloseItAndOneForItsNextWaitingEventHoweverLongItGoesOn() throws Exception {
        for (int i = 0; i < 50; i++) { // an event a minute, each waiting for the watermark, some out of order
            send(event(EventType.PAGE_VIEW, i * MINUTE + 30_000), event(EventType.CLICK, i * MINUTE));
            harness.watermark(START + i * MINUTE + 10_000);
            assertThat(harness.numEventTimeTimers()).as("after minute %d", i).isLessThanOrEqualTo(3);
        }
        harness.watermark(START + 50 * MINUTE + GAP);
        assertThat(sessions()).singleElement().satisfies(s -> assertThat(s.eventCount).isEqualTo(100));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void anEventWaitingBehindAForgottenCustomersIsStillAnalysed() throws Exception {
        send(onDevice(EventType.PAGE_VIEW, MINUTE, "c9"), onDevice(EventType.ADD_TO_CART, 2 * MINUTE, "b7"));
        harness.processBroadcastElement(new StreamRecord<>(new ForgetRequest("c9", "r1"))); // the timer was c9's
        harness.watermark(START + MINUTE + 30_000);
        harness.watermark(START + 3 * GAP);
        assertThat(sessions()).extracting(j -> j.customerId + " " + j.eventCount + " " + j.abandoned)
                .as("b7's event, analysed when its time came").containsExactly("b7 1 true");
    }

    @Test
    void aSessionRestoredWithoutItsCloseTimersTimeClosesWhenThatTimerFires() throws Exception {
        send(event(EventType.PAGE_VIEW, 0), event(EventType.ADD_TO_CART, MINUTE));
        harness.watermark(START + MINUTE);
        TrackedSubject t = tracked("c1").value();
        t.closeTimer = TrackedSubject.NO_TIMER; // as the version that kept it boxed leaves it after a restore
        tracked("c1").update(t);

        harness.watermark(START + MINUTE + GAP);
        assertThat(sessions()).singleElement().satisfies(s -> assertThat(s.eventCount).isEqualTo(2));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(keyedStateEntries()).isZero();
    }

    private ValueState<TrackedSubject> tracked(String key) throws Exception {
        var operator = (AbstractStreamOperator<?>) harness.getOperator();
        operator.setCurrentKey(key);
        return operator.getKeyedStateBackend().getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, SessionTracker.TRACKED);
    }
}
