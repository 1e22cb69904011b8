package io.cxmonitor.domain.experiences;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.friction.FrictionRules;
import io.cxmonitor.domain.journeys.Funnel;
import io.cxmonitor.domain.journeys.SessionAnalyzer;
import io.cxmonitor.domain.topics.TopicAnalyzer;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import org.junit.jupiter.api.Test;

class EventExperiencesTest {

    private static final long TS = 1_795_424_400_123L;

    private final EventExperiences experiences = new EventExperiences(
            new SessionAnalyzer(FrictionRules.DEFAULT, Funnel.GA4), ExperienceRules.DEFAULT, TopicAnalyzer.standard());

    private static CxEvent event(Stream stream, EventType type, String customerId) {
        CxEvent e = new CxEvent(stream, type, "e-" + type.wireName(), TS);
        e.customerId = customerId;
        e.sessionId = "s1";
        return e;
    }

    @Test
    void aCrashIsABadExperienceOfItsCustomerAtItsOwnTime() {
        BadExperience crash = experiences.of(event(Stream.APP, EventType.CRASH, "c1"));
        assertThat(crash.kind).isEqualTo(BadExperienceKind.APP_CRASH);
        assertThat(crash.customerId).isEqualTo("c1");
        assertThat(crash.ts).isEqualTo(TS);
        assertThat(crash.eventIds).containsExactly("e-crash");
        assertThat(experiences.of(event(Stream.APP, EventType.CRASH, null))).as("no customer to tell").isNull();
    }

    @Test
    void anErrorOnACheckoutStepIsACheckoutFailureAndElsewhereNothing() {
        CxEvent error = event(Stream.CLICKSTREAM, EventType.JS_ERROR, "c1");
        error.pageType = "checkout";
        assertThat(experiences.of(error).kind).isEqualTo(BadExperienceKind.CHECKOUT_FAILURE);
        error.pageType = "product";
        assertThat(experiences.of(error)).as("friction of a session, which a late event cannot rate").isNull();
        assertThat(experiences.of(event(Stream.CLICKSTREAM, EventType.PAGE_VIEW, "c1"))).isNull();
    }

    @Test
    void aNegativeReviewByItsRatingOrItsTextNamesWhatItComplainsAbout() {
        CxEvent review = event(Stream.REVIEWS, EventType.REVIEW, "c1");
        review.rating = 1;
        assertThat(experiences.of(review).kind).isEqualTo(BadExperienceKind.NEGATIVE_REVIEW);
        review.rating = null;
        review.text = "The parcel never arrived and nobody answers. Terrible.";
        BadExperience byText = experiences.of(review);
        assertThat(byText.kind).isEqualTo(BadExperienceKind.NEGATIVE_REVIEW);
        assertThat(byText.topics).contains("delivery");
        review.text = "Lovely shoes, fast delivery.";
        assertThat(experiences.of(review)).isNull();
    }

    @Test
    void supportAnswersAndMessagesAreTheirOwnBadExperiences() {
        CxEvent nps = event(Stream.SUPPORT, EventType.NPS, "c1");
        nps.score = 2;
        assertThat(experiences.of(nps).kind).isEqualTo(BadExperienceKind.NPS_DETRACTOR);
        nps.score = 10;
        assertThat(experiences.of(nps)).isNull();
        CxEvent message = event(Stream.SUPPORT, EventType.MESSAGE, "c1");
        message.author = "customer";
        message.text = "Still not fixed. This is the third time I write, absolutely useless.";
        assertThat(experiences.of(message).kind).isEqualTo(BadExperienceKind.NEGATIVE_SUPPORT_MESSAGE);
        message.author = "agent";
        assertThat(experiences.of(message)).as("an agent's words are no customer's experience").isNull();
        assertThat(experiences.of(event(Stream.SUPPORT, EventType.TICKET_REOPENED, "c1")).kind)
                .isEqualTo(BadExperienceKind.TICKET_REOPENED);
    }
}
