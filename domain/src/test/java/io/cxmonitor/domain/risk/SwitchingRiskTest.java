package io.cxmonitor.domain.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SwitchingRiskTest {

    private static final long DAY = 86_400_000L;
    private static final long T0 = 1_795_424_400_000L;

    private final RiskSettings settings = RiskSettings.DEFAULT;
    private final AlertState state = new AlertState();

    private static BadExperience bad(BadExperienceKind kind, double severity, String touchpoint, long ts, String id) {
        return new BadExperience("c1", kind, severity, touchpoint, ts, id);
    }

    /** A review told late, dated beyond the window before the customer's latest bad experience, is history. */
    @Test
    void anExperienceOlderThanTheWindowBeforeTheCustomersLatestOneNeitherFiresNorEscalates() {
        Alert first = SwitchingRisk.experience(state, bad(BadExperienceKind.CHECKOUT_FAILURE, 0.9, "web", T0, "e1"),
                settings, 0);
        assertThat(first.status).isEqualTo("firing");
        long beyond = T0 - settings.lookback.toMillis() - DAY;
        assertThat(SwitchingRisk.experience(state, bad(BadExperienceKind.NEGATIVE_REVIEW, 1.0, "reviews", beyond, "r1"),
                settings, 0)).isNull();
        assertThat(state.firstKind).as("the episode keeps its first").isEqualTo("checkout_failure");
        Alert within = SwitchingRisk.experience(new AlertState(),
                bad(BadExperienceKind.CHECKOUT_FAILURE, 0.9, "web", beyond, "e8"), settings, 0);
        assertThat(within).as("nothing later known: the first of its window").isNotNull();
    }

    @Test
    void aFirstBadExperienceIsACoinFlipMovedBySeverityValueAndRecency() {
        CustomerValue nobody = new CustomerValue();
        CustomerValue loyal = new CustomerValue();
        for (int i = 0; i < 10; i++) {
            loyal.purchase(T0 - i * DAY, 80);
        }
        BadExperience failure = bad(BadExperienceKind.CHECKOUT_FAILURE, 0.9, "web", T0, "e1");
        double forNobody = RiskModel.first(failure, nobody, settings);
        double forLoyal = RiskModel.first(failure, loyal, settings);
        assertThat(forNobody).isBetween(0.5, 0.8);
        // read back after a restart, the experience may come before the events behind it: same risk
        CustomerValue activeAtTheTime = new CustomerValue();
        activeAtTheTime.activity(T0);
        assertThat(RiskModel.first(failure, activeAtTheTime, settings)).isEqualTo(forNobody);
        assertThat(forLoyal).isGreaterThan(forNobody).isLessThanOrEqualTo(1.0);
        BadExperience mild = bad(BadExperienceKind.NPS_DETRACTOR, 0.44, "support", T0, "e2");
        assertThat(RiskModel.first(mild, nobody, settings)).isLessThan(forNobody);
        assertThat(RiskModel.first(bad(BadExperienceKind.NEGATIVE_REVIEW, 0.9, "reviews", T0, "e3"), nobody, settings))
                .isGreaterThan(forNobody);
    }

    @Test
    void theFirstBadExperienceFiresAndFurtherOnesEscalateUnderTheSameDedupKey() {
        Alert first = SwitchingRisk.experience(state, bad(BadExperienceKind.APP_CRASH, 0.7, "app", T0, "e1"), settings, 0);
        assertThat(first.status).isEqualTo("firing");
        assertThat(first.dedupKey).isEqualTo("switching-risk:c1");
        assertThat(first.firstKind).isEqualTo("app_crash");
        assertThat(first.badExperiencesInWindow).isEqualTo(1);

        Alert second = SwitchingRisk.experience(state,
                bad(BadExperienceKind.NEGATIVE_REVIEW, 0.9, "reviews", T0 + 3_600_000, "e2"), settings, 0);
        assertThat(second.status).isEqualTo("escalated");
        assertThat(second.dedupKey).isEqualTo(first.dedupKey);
        assertThat(second.alertId).isNotEqualTo(first.alertId);
        assertThat(second.riskScore).isGreaterThanOrEqualTo(0.8).isGreaterThan(first.riskScore);
        assertThat(second.severity).isEqualTo("critical");
        assertThat(second.firstKind).as("the episode keeps its first experience").isEqualTo("app_crash");
        assertThat(second.badExperiencesInWindow).isEqualTo(2);
    }

    @Test
    void aFurtherBadExperienceEscalatesOnlyWhenItMakesTheAlertMoreSevere() {
        Alert first = SwitchingRisk.experience(state, bad(BadExperienceKind.APP_CRASH, 0.7, "app", T0, "e1"), settings, 0);
        assertThat(first.severity).isNotEqualTo("critical");
        Alert critical = SwitchingRisk.experience(state, bad(BadExperienceKind.APP_CRASH, 0.7, "app", T0 + 60_000, "e2"),
                settings, 0);
        assertThat(critical.status).isEqualTo("escalated");
        assertThat(critical.severity).isEqualTo("critical");
        double risk = state.risk;
        assertThat(SwitchingRisk.experience(state, bad(BadExperienceKind.LOW_CSAT, 0.8, "support", T0 + 120_000, "e3"),
                settings, 0)).as("critical already: a third experience is no news for outreach").isNull();
        assertThat(state.risk).as("but the risk it carries is kept").isGreaterThan(risk);
        assertThat(state.experienceTimes).hasSize(3);
    }

    @Test
    void theSameBadExperienceDeliveredTwiceNeverEscalates() {
        BadExperience crash = bad(BadExperienceKind.APP_CRASH, 0.7, "app", T0, "e1");
        assertThat(SwitchingRisk.experience(state, crash, settings, 0).status).isEqualTo("firing");
        BadExperience again = bad(BadExperienceKind.APP_CRASH, 0.7, "app", T0, "e1");
        assertThat(SwitchingRisk.isRepeat(state, again)).isTrue();
        assertThat(SwitchingRisk.experience(state, again, settings, 0)).isNull();
        assertThat(state.experienceTimes).hasSize(1);
        Alert other = SwitchingRisk.experience(state, bad(BadExperienceKind.APP_CRASH, 0.7, "app", T0 + 1, "e2"),
                settings, 0);
        assertThat(other.status).as("another crash is another experience").isEqualTo("escalated");
    }

    @Test
    void anExperienceLearnedLaterButEarlierInEventTimeBecomesTheFirstOfTheEpisode() {
        // a crash is reported at once; the slow session before it is judged only when it closes
        SwitchingRisk.experience(state, bad(BadExperienceKind.APP_CRASH, 0.7, "app", T0 + 600_000, "crash"), settings, 0);
        Alert later = SwitchingRisk.experience(state,
                bad(BadExperienceKind.NEGATIVE_REVIEW, 0.9, "reviews", T0, "review"), settings, 0);
        assertThat(later.status).isEqualTo("escalated");
        assertThat(later.firstKind).isEqualTo("negative_review");
        assertThat(later.badExperiencesInWindow).isEqualTo(2);
    }

    @Test
    void aBelowThresholdFirstExperienceDoesNotPageButTheNextOneDoes() {
        RiskSettings strict = settings.withThreshold(0.75);
        assertThat(SwitchingRisk.experience(state, bad(BadExperienceKind.HIGH_EFFORT, 0.5, "support", T0, "e1"),
                strict, 0)).isNull();
        Alert page = SwitchingRisk.experience(state, bad(BadExperienceKind.LOW_CSAT, 0.7, "support", T0 + 1000, "e2"),
                strict, 0);
        assertThat(page.status).isEqualTo("firing");
        assertThat(page.firstKind).isEqualTo("high_effort");
    }

    @Test
    void afterTheLookbackTheNextBadExperienceIsAFirstAgainButTheCooldownStillHolds() {
        RiskSettings shortWindow = new RiskSettings(0.5, Duration.ofHours(24), Duration.ofHours(1), 0.35, 0.35,
                0.15, 0.10, 0.05, 0.03);
        Alert first = SwitchingRisk.experience(state, bad(BadExperienceKind.APP_CRASH, 0.7, "app", T0, "e1"),
                shortWindow, 0);
        assertThat(first.status).isEqualTo("firing");
        Alert withinCooldown = SwitchingRisk.experience(state,
                bad(BadExperienceKind.APP_CRASH, 0.7, "app", T0 + 2 * 3_600_000, "e2"), shortWindow, 0);
        assertThat(withinCooldown).as("a new episode, but paged less than 24 h ago").isNull();
        Alert nextDay = SwitchingRisk.experience(state,
                bad(BadExperienceKind.APP_CRASH, 0.7, "app", T0 + 2 * DAY, "e3"), shortWindow, 0);
        assertThat(nextDay.status).isEqualTo("firing");
        assertThat(nextDay.alertId).isNotEqualTo(first.alertId);
    }

    @Test
    void purchasesBeforeTheExperienceRaiseTheRisk() {
        AlertState buyer = new AlertState();
        for (int i = 0; i < 20; i++) {
            SwitchingRisk.activity(buyer, T0 - DAY + i, 100.0);
        }
        Alert a = SwitchingRisk.experience(buyer, bad(BadExperienceKind.APP_CRASH, 0.7, "app", T0, "e1"), settings, 0);
        Alert b = SwitchingRisk.experience(state, bad(BadExperienceKind.APP_CRASH, 0.7, "app", T0, "e1"), settings, 0);
        assertThat(a.riskScore).isGreaterThan(b.riskScore);
        assertThat(a.purchases).isEqualTo(20);
        assertThat(a.summary).contains("20 purchases").contains("first bad experience (app crash, app)");
    }

    @Test
    void anAlertSaysWhatAFirstBadTextWasAbout() throws IOException {
        BadExperience review = bad(BadExperienceKind.NEGATIVE_REVIEW, 1.0, "reviews", T0, "r1");
        review.topics = new String[] {"delivery", "support_responsiveness"};
        Alert a = SwitchingRisk.experience(state, review, settings, 0);
        assertThat(a.summary).contains("first bad experience (negative review about delivery and support responsiveness, reviews)");
        assertThat(new String(AlertJson.write(a))).contains("\"topics\":[\"delivery\",\"support_responsiveness\"]");
        assertThat(AlertJson.read(AlertJson.write(a)).firstTopics).containsExactly("delivery", "support_responsiveness");
    }

    @Test
    void theSameInputGivesTheSameAlertIds() {
        AlertState again = new AlertState();
        BadExperience b1 = bad(BadExperienceKind.APP_CRASH, 0.7, "app", T0, "e1");
        BadExperience b2 = bad(BadExperienceKind.LOW_CSAT, 0.9, "support", T0 + 1, "e2");
        String id1 = SwitchingRisk.experience(state, b1, settings, 1).alertId;
        String id2 = SwitchingRisk.experience(state, b2, settings, 2).alertId;
        assertThat(SwitchingRisk.experience(again, b1, settings, 99).alertId).isEqualTo(id1);
        assertThat(SwitchingRisk.experience(again, b2, settings, 99).alertId).isEqualTo(id2);
    }

    @Test
    void stateExpiresALookbackAfterTheLastBadExperienceOrActivity() {
        SwitchingRisk.experience(state, bad(BadExperienceKind.APP_CRASH, 0.7, "app", T0, "e1"), settings, 0);
        assertThat(SwitchingRisk.expired(state, T0 + 89 * DAY, settings)).isFalse();
        assertThat(SwitchingRisk.expired(state, T0 + 90 * DAY, settings)).isTrue();
    }

    @Test
    void theAlertJsonHasEveryFieldOfTheSpecAndRoundTrips() throws IOException {
        TimelineEntry page = new TimelineEntry(T0 - 60_000, "clickstream", "page_view", "v1");
        page.page = "/checkout";
        page.pageType = "checkout";
        TimelineEntry error = new TimelineEntry(T0, "clickstream", "http_error", "e1");
        error.status = 503;
        SwitchingRisk.remember(state, error);
        SwitchingRisk.remember(state, page);
        Alert a = SwitchingRisk.experience(state, bad(BadExperienceKind.CHECKOUT_FAILURE, 0.9, "web", T0, "e1"),
                settings, T0 + 250);
        String json = new String(AlertJson.write(a));
        assertThat(json).contains("\"alert_id\":\"al-", "\"dedup_key\":\"switching-risk:c1\"", "\"status\":\"firing\"",
                "\"customer_id\":\"c1\"", "\"risk_score\":", "\"severity\":",
                "\"first_bad_experience\":{\"kind\":\"checkout_failure\",\"touchpoint\":\"web\",\"ts\":",
                "\"event_ids\":[\"e1\"]", "\"bad_experiences_in_window\":1", "\"customer_value\":{\"purchases\":0",
                "\"detected_at\":\"2026-11-23T09:00:00.250Z\"", "\"summary\":\"Customer c1", "\"priority\":\"P3\"",
                "\"timeline\":[{\"ts\":\"2026-11-23T08:59:00.000Z\",\"stream\":\"clickstream\",\"type\":\"page_view\","
                        + "\"page\":\"/checkout\",\"page_type\":\"checkout\"},{\"ts\":\"2026-11-23T09:00:00.000Z\","
                        + "\"stream\":\"clickstream\",\"type\":\"http_error\",\"status\":503}]");
        assertThat(json).doesNotContain("incident_id", "event_id\":");
        Alert read = AlertJson.read(json.getBytes());
        assertThat(read).usingRecursiveComparison().ignoringFields("timeline.eventHash").isEqualTo(a);
    }

    @Test
    void anAlertOfAnOlderVersionWithoutPriorityOrTimelineIsStillRead() throws IOException {
        Alert a = SwitchingRisk.experience(state, bad(BadExperienceKind.CHECKOUT_FAILURE, 0.9, "web", T0, "e1"),
                settings, T0 + 250);
        String json = new String(AlertJson.write(a)).replaceAll(",\"priority\":\"P.\"", "")
                .replaceAll(",\"timeline\":\\[\\]", "");
        assertThat(json).doesNotContain("priority", "timeline");
        Alert read = AlertJson.read(json.getBytes());
        assertThat(read.priority).isNull();
        assertThat(read.timeline).isEmpty();
    }

    @Test
    void aPurchaseCountsOnceWithinTheWindowAndAgainAfterIt() {
        long hour = 3_600_000L;
        assertThat(SwitchingRisk.repeatsPurchase(state, 11, T0, hour)).isFalse();
        assertThat(SwitchingRisk.repeatsPurchase(state, 12, T0 + 10, hour)).as("another purchase").isFalse();
        assertThat(SwitchingRisk.repeatsPurchase(state, 11, T0 + hour - 1, hour)).as("delivered again").isTrue();
        assertThat(SwitchingRisk.repeatsPurchase(state, 11, T0 + hour, hour)).as("a window later").isFalse();
        assertThat(state.purchasesSeen).as("11 seen again").containsExactly(12, T0 + 10, 11, T0 + hour);
        assertThat(SwitchingRisk.repeatsPurchase(state, 13, T0 + hour + 10, hour)).isFalse();
        assertThat(state.purchasesSeen).as("12 forgotten").containsExactly(11, T0 + hour, 13, T0 + hour + 10);
    }

    @Test
    void theLatestSixtyFourPurchasesAreRemembered() {
        for (long id = 1; id <= 100; id++) {
            assertThat(SwitchingRisk.repeatsPurchase(state, id, T0 + id, DAY)).isFalse();
        }
        assertThat(state.purchasesSeen).hasSize(128);
        assertThat(SwitchingRisk.repeatsPurchase(state, 37, T0 + 200, DAY)).as("among the latest 64").isTrue();
        assertThat(SwitchingRisk.repeatsPurchase(state, 36, T0 + 200, DAY)).as("the oldest, forgotten").isFalse();
    }
}
