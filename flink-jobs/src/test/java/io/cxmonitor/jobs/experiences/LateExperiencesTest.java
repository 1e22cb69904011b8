package io.cxmonitor.jobs.experiences;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.domain.experiences.EventExperiences;
import io.cxmonitor.domain.experiences.ExperienceRules;
import io.cxmonitor.domain.friction.FrictionRules;
import io.cxmonitor.domain.journeys.Funnel;
import io.cxmonitor.domain.journeys.SessionAnalyzer;
import io.cxmonitor.domain.journeys.Sessions;
import io.cxmonitor.domain.topics.TopicAnalyzer;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LateExperiencesTest {

    private static final long T0 = 1_795_424_400_000L;
    private static final long MINUTE = 60_000;

    private KeyedOneInputStreamOperatorTestHarness<String, CxEvent, BadExperience> harness;
    private int ids;

    @BeforeEach
    void setUp() throws Exception {
        EventExperiences ofItself = new EventExperiences(new SessionAnalyzer(FrictionRules.DEFAULT, Funnel.GA4),
                ExperienceRules.DEFAULT, TopicAnalyzer.standard());
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new LateExperiences(ofItself, new Sessions(Duration.ofMinutes(30), Duration.ofHours(24))),
                CxEvent::deviceId, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(Stream stream, EventType type, long offset, java.util.function.Consumer<CxEvent> with)
            throws Exception {
        CxEvent e = new CxEvent(stream, type, "e" + (++ids), T0 + offset);
        e.customerId = "c1";
        e.sessionId = "s1";
        with.accept(e);
        harness.processElement(new StreamRecord<>(e, e.ts));
    }

    @Test
    void aBurstOfLateCrashReportsIsOneBadExperienceAndAnotherKindIsANewOne() throws Exception {
        send(Stream.APP, EventType.CRASH, 0, e -> { });
        send(Stream.APP, EventType.CRASH, MINUTE, e -> { });
        send(Stream.APP, EventType.CRASH, 2 * MINUTE, e -> { });
        assertThat(harness.extractOutputValues()).extracting(b -> b.kind).containsExactly(BadExperienceKind.APP_CRASH);
        send(Stream.APP, EventType.API_CALL, 3 * MINUTE, e -> {
            e.screen = "checkout";
            e.endpoint = "/v1/payments";
            e.status = 503;
        });
        assertThat(harness.extractOutputValues()).extracting(b -> b.kind)
                .containsExactly(BadExperienceKind.APP_CRASH, BadExperienceKind.CHECKOUT_FAILURE);
        send(Stream.APP, EventType.CRASH, 3 * 60 * MINUTE, e -> { });
        assertThat(harness.extractOutputValues()).as("a crash hours later: a new episode").hasSize(3);
    }

    @Test
    void lateReviewsAndAnswersAreEachTheirOwn() throws Exception {
        send(Stream.REVIEWS, EventType.REVIEW, 0, e -> e.rating = 1);
        send(Stream.REVIEWS, EventType.REVIEW, MINUTE, e -> e.rating = 2);
        send(Stream.SUPPORT, EventType.CSAT, 2 * MINUTE, e -> e.score = 1);
        send(Stream.SUPPORT, EventType.CSAT, 3 * MINUTE, e -> e.score = 5);
        assertThat(harness.extractOutputValues()).extracting(b -> b.kind).containsExactly(
                BadExperienceKind.NEGATIVE_REVIEW, BadExperienceKind.NEGATIVE_REVIEW, BadExperienceKind.LOW_CSAT);
    }
}
