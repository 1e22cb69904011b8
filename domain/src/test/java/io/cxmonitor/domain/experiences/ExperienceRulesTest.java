package io.cxmonitor.domain.experiences;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cxmonitor.domain.journeys.SessionAnalyzer;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventLimits;
import io.cxmonitor.events.EventType;
import io.cxmonitor.events.Stream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ExperienceRulesTest {

    private final ExperienceRules rules = ExperienceRules.DEFAULT;

    private static CxEvent event(Stream stream, EventType type) {
        CxEvent e = new CxEvent(stream, type, "e1", 1_000);
        e.customerId = "c1";
        return e;
    }

    private BadExperienceKind kindOf(CxEvent e, double sentiment) {
        BadExperience text = rules.ofText(e, sentiment);
        BadExperience support = rules.ofSupportEvent(e);
        assertThat(text == null || support == null).as("one rule per kind of event").isTrue();
        BadExperience b = text != null ? text : support;
        return b == null ? null : b.kind;
    }

    @Test
    void aReviewIsNegativeByItsRatingOrItsText() {
        CxEvent review = event(Stream.REVIEWS, EventType.REVIEW);
        review.rating = 2;
        assertThat(kindOf(review, 0.3)).isEqualTo(BadExperienceKind.NEGATIVE_REVIEW);
        review.rating = 4;
        assertThat(kindOf(review, -0.6)).isEqualTo(BadExperienceKind.NEGATIVE_REVIEW);
        assertThat(kindOf(review, -0.4)).isNull();
        review.rating = 1;
        assertThat(rules.ofText(review, 0).severity).isEqualTo(1.0);
    }

    @Test
    void onlyTheCustomersOwnMessagesCanBeNegativeSupportMessages() {
        CxEvent message = event(Stream.SUPPORT, EventType.MESSAGE);
        message.author = "agent";
        assertThat(kindOf(message, -0.9)).isNull();
        message.author = "customer";
        assertThat(kindOf(message, -0.9)).isEqualTo(BadExperienceKind.NEGATIVE_SUPPORT_MESSAGE);
        assertThat(kindOf(message, -0.3)).isNull();
        assertThat(kindOf(event(Stream.SUPPORT, EventType.TICKET_OPENED), -0.7))
                .isEqualTo(BadExperienceKind.NEGATIVE_SUPPORT_MESSAGE);
    }

    @Test
    void surveyThresholds() {
        CxEvent csat = event(Stream.SUPPORT, EventType.CSAT);
        csat.score = 2;
        assertThat(kindOf(csat, 0)).isEqualTo(BadExperienceKind.LOW_CSAT);
        csat.score = 3;
        assertThat(kindOf(csat, 0)).isNull();
        CxEvent nps = event(Stream.SUPPORT, EventType.NPS);
        nps.score = 6;
        assertThat(kindOf(nps, 0)).isEqualTo(BadExperienceKind.NPS_DETRACTOR);
        nps.score = 7;
        assertThat(kindOf(nps, 0)).isNull();
        CxEvent ces = event(Stream.SUPPORT, EventType.CES);
        ces.score = 3;
        assertThat(kindOf(ces, 0)).isEqualTo(BadExperienceKind.HIGH_EFFORT);
        ces.score = 4;
        assertThat(kindOf(ces, 0)).isNull();
        assertThat(kindOf(event(Stream.SUPPORT, EventType.TICKET_REOPENED), 0)).isEqualTo(BadExperienceKind.TICKET_REOPENED);
    }

    @Test
    void anonymousEventsAreNoCustomersExperience() {
        CxEvent review = event(Stream.REVIEWS, EventType.REVIEW);
        review.customerId = null;
        review.rating = 1;
        assertThat(rules.ofText(review, -1)).isNull();
    }

    @Test
    void theJsonOfCxExperiencesRoundTrips() throws IOException {
        BadExperience b = new BadExperience("c-42", BadExperienceKind.CHECKOUT_FAILURE, 0.9, "web",
                1_795_424_400_123L, "e1", "e2");
        String json = new String(ExperienceJson.write(b));
        assertThat(json).isEqualTo("{\"experience_id\":\"" + b.experienceId + "\",\"customer_id\":\"c-42\",\"kind\":\"checkout_failure\",\"severity\":0.9,"
                + "\"touchpoint\":\"web\",\"ts\":\"2026-11-23T09:00:00.123Z\",\"evidence\":{\"event_ids\":[\"e1\",\"e2\"]}}");
        assertThat(ExperienceJson.read(json.getBytes(), EventLimits.DEFAULT)).isEqualTo(b);
        assertThat(b.experienceId).startsWith("ex-").hasSize(23)
                .isEqualTo(new BadExperience("c-42", BadExperienceKind.CHECKOUT_FAILURE, 0.5, "app", 1_795_424_400_123L,
                        "e1", "e2").experienceId);
    }

    @Test
    void whereItHappenedTravelsWithTheExperienceAndIsOptional() throws IOException {
        BadExperience b = new BadExperience("c-42", BadExperienceKind.APP_CRASH, 0.7, "app", 1_795_424_400_123L, "e1");
        b.place = "checkout";
        b.platform = "android";
        b.appVersion = "5.2.0";
        b.cartValue = 84.5;
        String json = new String(ExperienceJson.write(b));
        assertThat(json).contains("\"place\":\"checkout\",\"platform\":\"android\",\"app_version\":\"5.2.0\","
                + "\"cart_value\":84.5");
        assertThat(ExperienceJson.read(json.getBytes(), EventLimits.DEFAULT)).isEqualTo(b);
        assertThatThrownBy(() -> ExperienceJson.read(json.replace("84.5", "-1").getBytes(), EventLimits.DEFAULT))
                .hasMessageContaining("cart_value");
    }

    @Test
    void theTopicsOfATextTravelWithItsExperienceAndOnlyTopicNamesAreRead() throws IOException {
        BadExperience b = new BadExperience("c-42", BadExperienceKind.NEGATIVE_REVIEW, 0.8, "reviews", 1_795_424_400_123L, "r1");
        b.topics = new String[] {"delivery", "payment_billing"};
        String json = new String(ExperienceJson.write(b));
        assertThat(json).contains("\"topics\":[\"delivery\",\"payment_billing\"]");
        assertThat(ExperienceJson.read(json.getBytes(), EventLimits.DEFAULT)).isEqualTo(b);
        BadExperience none = new BadExperience("c-42", BadExperienceKind.APP_CRASH, 0.7, "app", 1_795_424_400_123L, "e1");
        assertThat(new String(ExperienceJson.write(none))).doesNotContain("topics");
        assertThat(ExperienceJson.read(ExperienceJson.write(none), EventLimits.DEFAULT).topics).isEmpty();
        for (String bad : new String[] {"[\"Delivery Topic\"]", "\"delivery\"", "[1]", "[\"" + "x".repeat(41) + "\"]"}) {
            assertThatThrownBy(() -> ExperienceJson.read(json.replace("[\"delivery\",\"payment_billing\"]", bad).getBytes(),
                    EventLimits.DEFAULT)).as(bad).hasMessageContaining("topics");
        }
    }

    @Test
    void aScreenNameOfAnyLengthMakesAnExperienceTheAlertingJobReads() throws IOException {
        CxEvent crash = new CxEvent(Stream.APP, EventType.CRASH, "e1", 1_795_424_400_123L);
        crash.customerId = "c-42";
        crash.screen = "s".repeat(3000);
        crash.platform = "x" + "\uD83D\uDE00".repeat(40); // emoji: a cut never splits one
        BadExperience b = new BadExperience("c-42", BadExperienceKind.APP_CRASH, 0.7, "app", crash.ts, "e1").at(crash);
        assertThat(b.place).hasSize(BadExperience.MAX_WHERE);
        assertThat(b.platform).hasSize(BadExperience.MAX_WHERE - 1).endsWith("\uD83D\uDE00");
        assertThat(ExperienceJson.read(ExperienceJson.write(b), EventLimits.DEFAULT)).isEqualTo(b);
    }

    /** The contract bounds no cart value; cx.experiences does, so a larger one is capped, not lost. */
    @Test
    void aCartOfAnyValueMakesAnExperienceTheAlertingJobReads() throws IOException {
        CxEvent crash = new CxEvent(Stream.APP, EventType.CRASH, "e1", 1_795_424_400_123L);
        crash.customerId = "c-42";
        crash.cartValue = 5e12;
        BadExperience b = new BadExperience("c-42", BadExperienceKind.APP_CRASH, 0.7, "app", crash.ts, "e1").at(crash);
        assertThat(b.cartValue).isEqualTo(SessionAnalyzer.MAX_CART);
        assertThat(ExperienceJson.read(ExperienceJson.write(b), EventLimits.DEFAULT)).isEqualTo(b);
    }

    @Test
    void anExperienceWrittenByAnotherToolGetsTheIdItsContentGivesAndNonsenseIsRefused() throws IOException {
        String json = "{\"customer_id\":\"c-42\",\"kind\":\"low_csat\",\"severity\":0.7,\"touchpoint\":\"support\","
                + "\"ts\":\"2026-11-23T09:00:00.123Z\",\"evidence\":{\"event_ids\":[\"e1\"]}}";
        assertThat(ExperienceJson.read(json.getBytes(), EventLimits.DEFAULT).experienceId)
                .isEqualTo(BadExperience.idOf("c-42", BadExperienceKind.LOW_CSAT, 1_795_424_400_123L, new String[] {"e1"}));
        for (String bad : new String[] {
            json.replace("[\"e1\"]", "\"e1\""), // not an array: once looped for ever
            json.replace("0.7", "1e400"),
            json.replace("\"c-42\"", "\"" + "c".repeat(300) + "\""),
            json.replace("low_csat", "meh"),
            json.replace("[\"e1\"]", "[" + "\"e\",".repeat(200) + "\"e\"]"),
        }) {
            assertThatThrownBy(() -> ExperienceJson.read(bad.getBytes(), EventLimits.DEFAULT))
                    .as(bad.length() > 200 ? bad.substring(0, 200) : bad).isInstanceOf(IOException.class);
        }
    }
}
