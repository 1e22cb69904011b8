package io.cxmonitor.domain.journeys;

import static io.cxmonitor.domain.Events.app;
import static io.cxmonitor.domain.Events.at;
import static io.cxmonitor.domain.Events.click;
import static io.cxmonitor.domain.Events.on;
import static io.cxmonitor.domain.Events.web;
import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.domain.friction.FrictionEvent;
import io.cxmonitor.domain.friction.FrictionRules;
import io.cxmonitor.domain.friction.FrictionSignal;
import io.cxmonitor.domain.friction.SessionRating;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.EventType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionAnalyzerTest {

    private final SessionAnalyzer analyzer = new SessionAnalyzer(FrictionRules.DEFAULT, Funnel.GA4);
    private final SessionState state = new SessionState();
    private final List<FrictionEvent> friction = new ArrayList<>();
    private final List<BadExperience> bad = new ArrayList<>();
    private final SessionAnalyzer.Output out = new SessionAnalyzer.Output() {
        @Override
        public void friction(FrictionEvent f) {
            friction.add(f);
        }

        @Override
        public void badExperience(BadExperience b) {
            bad.add(b);
        }
    };

    private void feed(CxEvent... events) {
        for (CxEvent e : events) {
            analyzer.add(state, e, out);
        }
    }

    private List<FrictionSignal> signals() {
        return friction.stream().map(f -> f.signal).toList();
    }

    @Test
    void rageClickNeedsThreeClicksWithinOneSecond() {
        feed(click(at(0), 100, 100, "#a"), click(at(400), 102, 101, "#b"), click(at(900), 99, 98, "#c"));
        analyzer.close(state, out);
        assertThat(signals()).containsExactly(FrictionSignal.RAGE_CLICK);
        assertThat(friction.get(0).count).isEqualTo(3);
        assertThat(friction.get(0).ts).isEqualTo(at(0));
    }

    @Test
    void twoClicksOrClicksSpreadOverMoreThanASecondAreNoRage() {
        feed(click(at(0), 100, 100, "#a"), click(at(500), 100, 100, "#a"));
        feed(click(at(5_000), 100, 100, "#a"), click(at(5_600), 100, 100, "#a"), click(at(6_100), 100, 100, "#a"));
        analyzer.close(state, out);
        assertThat(signals()).isEmpty();
    }

    @Test
    void rageClicksMayBeFarApartWhenOnTheSameElement() {
        feed(click(at(0), 10, 10, "#buy"), click(at(200), 300, 300, "#buy"), click(at(300), 600, 50, "#buy"),
                click(at(350), 600, 60, "#buy"));
        analyzer.close(state, out);
        assertThat(signals()).containsExactly(FrictionSignal.RAGE_CLICK);
        assertThat(friction.get(0).count).isEqualTo(4);
    }

    @Test
    void clicksMoreThanThirtyPixelsAwayOnOtherElementsStartANewBurst() {
        feed(click(at(0), 100, 100, "#a"), click(at(100), 140, 100, "#b"), click(at(200), 180, 100, "#c"));
        analyzer.close(state, out);
        assertThat(signals()).isEmpty();
    }

    @Test
    void clicksWithoutCoordinatesJoinOnTheirElementOnly() {
        CxEvent first = noPoint(click(at(0), 0, 0, "#pay"));
        feed(first, noPoint(click(at(100), 0, 0, "#pay")), click(at(200), 500, 500, "#pay"));
        analyzer.close(state, out);
        assertThat(signals()).as("same element, with or without coordinates").containsExactly(FrictionSignal.RAGE_CLICK);
        assertThat(friction.get(0).eventId).isEqualTo(first.eventId);

        friction.clear();
        SessionState other = new SessionState();
        for (CxEvent c : new CxEvent[] {noPoint(click(at(0), 0, 0, null)), noPoint(click(at(100), 0, 0, null)),
                click(at(200), 100, 100, null), noPoint(click(at(300), 0, 0, "#x"))}) {
            analyzer.add(other, c, out);
        }
        analyzer.close(other, out);
        assertThat(signals()).as("no element and no point: nothing to say the clicks hit one place").isEmpty();
    }

    private static CxEvent noPoint(CxEvent click) {
        click.x = null;
        click.y = null;
        return click;
    }

    @Test
    void oneSignalPerBurstEvenWhenItGoesOn() {
        for (int i = 0; i < 8; i++) {
            feed(click(at(i * 100L), 100, 100, "#a"));
        }
        feed(web(EventType.PAGE_VIEW, at(5_000)));
        assertThat(signals()).containsExactly(FrictionSignal.RAGE_CLICK);
        assertThat(friction.get(0).count).isEqualTo(8);
    }

    @Test
    void aClickFollowedByAJavaScriptErrorWithinOneSecondIsAnErrorClick() {
        feed(click(at(0), 1, 1, "#a"), web(EventType.JS_ERROR, at(800)));
        feed(click(at(10_000), 1, 1, "#a"), web(EventType.JS_ERROR, at(11_500)));
        assertThat(signals()).containsExactly(FrictionSignal.ERROR_CLICK, FrictionSignal.JS_ERROR, FrictionSignal.JS_ERROR);
    }

    @Test
    void aCrashIsAnAppCrashOnItsOwnAndMakesTheSessionFrustratingWithoutASecondReport() {
        CxEvent crash = app(EventType.CRASH, at(1_000));
        crash.screen = "checkout";
        BadExperience b = analyzer.immediate(crash);
        assertThat(b.kind).isEqualTo(BadExperienceKind.APP_CRASH);
        assertThat(b.eventIds).containsExactly(crash.eventId);
        assertThat(b.touchpoint).isEqualTo("app");
        assertThat(b.place).isEqualTo("checkout");
        assertThat(b.platform).isEqualTo("android");
        assertThat(b.appVersion).isEqualTo("5.2.0");
        feed(app(EventType.SCREEN_VIEW, at(0)), crash);
        SessionSummary summary = analyzer.close(state, out);
        assertThat(summary.rating).isEqualTo(SessionRating.FRUSTRATING);
        assertThat(bad).as("the crash was the episode").isEmpty();
    }

    @Test
    void aFailedPaymentCallOnCheckoutIsACheckoutFailure() {
        CxEvent call = app(EventType.API_CALL, at(2_000));
        call.endpoint = "/api/payment";
        call.status = 503;
        assertThat(analyzer.immediate(call).kind).isEqualTo(BadExperienceKind.CHECKOUT_FAILURE);
        assertThat(analyzer.immediate(call).ts).isEqualTo(at(2_000));
        feed(app(EventType.ADD_TO_CART, at(0)), app(EventType.BEGIN_CHECKOUT, at(1_000)), call);
        SessionSummary summary = analyzer.close(state, out);
        assertThat(summary.abandoned).isTrue();
        assertThat(bad).isEmpty();
    }

    @Test
    void errorsOffTheCheckoutAreNoCheckoutFailure() {
        CxEvent err = on("product", web(EventType.JS_ERROR, at(0)));
        assertThat(analyzer.immediate(err)).isNull();
        CxEvent ok = app(EventType.API_CALL, at(0));
        ok.endpoint = "/api/payment";
        ok.status = 200;
        assertThat(analyzer.immediate(ok)).isNull();
    }

    @Test
    void anErrorWhileTheRageClickIsStillGoingOnFollowsIt() {
        feed(click(at(0), 100, 100, "#pay"), click(at(200), 100, 100, "#pay"), web(EventType.JS_ERROR, at(300)),
                click(at(400), 100, 100, "#pay"));
        SessionSummary summary = analyzer.close(state, out);
        assertThat(signals()).contains(FrictionSignal.RAGE_CLICK, FrictionSignal.JS_ERROR);
        assertThat(summary.rating).isEqualTo(SessionRating.FRUSTRATING);
    }

    @Test
    void aRageClickFollowedByAnErrorMakesASessionFrustrating() {
        feed(click(at(0), 1, 1, "#a"), click(at(100), 1, 1, "#a"), click(at(200), 1, 1, "#a"));
        feed(web(EventType.PAGE_VIEW, at(5_000)), web(EventType.JS_ERROR, at(9_000)));
        SessionSummary summary = analyzer.close(state, out);
        assertThat(summary.rating).isEqualTo(SessionRating.FRUSTRATING);
        assertThat(bad).extracting(b -> b.kind).containsExactly(BadExperienceKind.FRUSTRATED_SESSION);
        assertThat(bad.get(0).ts).isEqualTo(at(9_000));
        assertThat(bad.get(0).eventIds).hasSize(2);
    }

    @Test
    void anyFrictionOnACheckoutStepMakesASessionFrustrating() {
        CxEvent dead = on("checkout", web(EventType.DEAD_CLICK, at(1_000)));
        feed(web(EventType.PAGE_VIEW, at(0)), dead);
        assertThat(analyzer.close(state, out).rating).isEqualTo(SessionRating.FRUSTRATING);
    }

    @Test
    void minorFrictionElsewhereIsOnlyTolerating() {
        CxEvent lcp = on("product", web(EventType.WEB_VITAL, at(1_000)));
        lcp.metric = "LCP";
        lcp.value = 5_000.0;
        feed(web(EventType.PAGE_VIEW, at(0)), lcp, web(EventType.DEAD_CLICK, at(2_000)));
        SessionSummary summary = analyzer.close(state, out);
        assertThat(summary.rating).isEqualTo(SessionRating.TOLERATING);
        assertThat(summary.frictionScore).isEqualTo(1.5);
        assertThat(bad).isEmpty();
    }

    @Test
    void aSessionWithoutFrictionIsSatisfying() {
        feed(web(EventType.PAGE_VIEW, at(0)), click(at(3_000), 1, 1, "#a"));
        assertThat(analyzer.close(state, out).rating).isEqualTo(SessionRating.SATISFYING);
    }

    @Test
    void followsTheFunnelAndKnowsTheCartValue() {
        CxEvent add = web(EventType.ADD_TO_CART, at(1_000));
        add.price = 20.0;
        add.quantity = 2;
        CxEvent checkout = web(EventType.BEGIN_CHECKOUT, at(2_000));
        checkout.cartValue = 45.0;
        feed(web(EventType.VIEW_ITEM, at(0)), add, checkout);
        SessionSummary summary = analyzer.close(state, out);
        assertThat(summary.lastStep).isEqualTo(2);
        assertThat(summary.reached(0)).isTrue();
        assertThat(summary.reached(3)).isFalse();
        assertThat(summary.abandoned).isTrue();
        assertThat(summary.converted).isFalse();
        assertThat(summary.cartValue).isEqualTo(45.0);
        assertThat(bad).as("abandonment without friction is not a bad experience").isEmpty();
    }

    /** Steps a session skipped (its cart filled in an earlier one, a checkout not recorded) it passed. */
    @Test
    void aSessionReachedEveryStepBeforeItsFurthest() {
        feed(web(EventType.BEGIN_CHECKOUT, at(0)), web(EventType.PURCHASE, at(1_000)));
        SessionSummary bought = analyzer.close(state, out);
        for (int step = 0; step < 5; step++) {
            assertThat(bought.reached(step)).as("step %d", step).isTrue();
        }
        SessionState other = new SessionState();
        analyzer.add(other, web(EventType.BEGIN_CHECKOUT, at(10_000)), out);
        SessionSummary left = analyzer.close(other, out);
        assertThat(left.reached(1)).as("among the carts, the denominator of abandonment").isTrue();
        assertThat(left.reached(3)).isFalse();
        assertThat(left.abandoned).isTrue();
    }

    @Test
    void abandoningAfterFrictionIsABadExperience() {
        CxEvent add = web(EventType.ADD_TO_CART, at(1_000));
        feed(web(EventType.VIEW_ITEM, at(0)), add, web(EventType.JS_ERROR, at(2_000)));
        SessionSummary summary = analyzer.close(state, out);
        assertThat(summary.abandoned).isTrue();
        assertThat(bad).extracting(b -> b.kind).containsExactly(BadExperienceKind.ABANDONED_AFTER_FRICTION);
        assertThat(bad.get(0).eventIds).contains(add.eventId);
    }

    /** An event id is any string: one with a comma is one id, and one id is never taken for a part of another. */
    @Test
    void evidenceKeepsEachEventIdWholeWhateverItsCharacters() {
        CxEvent add = web(EventType.ADD_TO_CART, at(1_000));
        add.eventId = "e1";
        CxEvent error = web(EventType.JS_ERROR, at(2_000));
        error.eventId = "e12";
        CxEvent odd = web(EventType.JS_ERROR, at(3_000));
        odd.eventId = "evt,42\\";
        feed(web(EventType.VIEW_ITEM, at(0)), add, error, odd);
        analyzer.close(state, out);
        assertThat(bad).extracting(b -> b.kind).containsExactly(BadExperienceKind.ABANDONED_AFTER_FRICTION);
        assertThat(bad.get(0).eventIds).containsExactly("e1", "e12", "evt,42\\");
        assertThat(SessionAnalyzer.splitIds("a,b")).as("ids joined before the escaping").containsExactly("a", "b");
    }

    @Test
    void aCartOfValidButHugePricesIsWorthTheMostACartCountsAndItsExperienceReadsBack() throws Exception {
        CxEvent add = web(EventType.ADD_TO_CART, at(1_000));
        add.price = 1e300; // valid: finite and not negative
        add.quantity = Integer.MAX_VALUE;
        feed(add, web(EventType.JS_ERROR, at(2_000)));
        SessionSummary summary = analyzer.close(state, out);
        assertThat(summary.cartValue).isEqualTo(SessionAnalyzer.MAX_CART);
        BadExperience abandoned = bad.get(0);
        assertThat(io.cxmonitor.domain.experiences.ExperienceJson.read(
                io.cxmonitor.domain.experiences.ExperienceJson.write(abandoned), io.cxmonitor.events.EventLimits.DEFAULT)
                .cartValue).isEqualTo(SessionAnalyzer.MAX_CART);
    }

    @Test
    void aPurchaseIsAConversionNotAnAbandonment() {
        feed(web(EventType.ADD_TO_CART, at(0)), web(EventType.PURCHASE, at(60_000)));
        SessionSummary summary = analyzer.close(state, out);
        assertThat(summary.converted).isTrue();
        assertThat(summary.abandoned).isFalse();
    }

    @Test
    void anonymousSessionsHaveFrictionButNoBadExperiences() {
        CxEvent crash = app(EventType.CRASH, at(0));
        crash.customerId = null;
        crash.anonymousId = "a1";
        feed(crash);
        analyzer.close(state, out);
        assertThat(signals()).containsExactly(FrictionSignal.CRASH);
        assertThat(analyzer.immediate(crash)).isNull();
        assertThat(bad).isEmpty();
    }

    @Test
    void aCheckoutFailureToldOnArrivalKnowsTheCartOfEventsStillWaitingForTheWatermark() {
        CxEvent add = web(EventType.ADD_TO_CART, at(0));
        add.price = 20.0;
        add.quantity = 2;
        feed(add); // analysed: the open session holds 40
        CxEvent more = web(EventType.ADD_TO_CART, at(10_000));
        more.price = 5.0;
        CxEvent checkout = web(EventType.BEGIN_CHECKOUT, at(20_000));
        checkout.cartValue = 47.5;
        CxEvent later = web(EventType.ADD_TO_CART, at(90_000));
        later.price = 100.0;
        long failure = at(30_000);

        assertThat(SessionAnalyzer.cartAt(state, List.of(more), failure, Sessions.DEFAULT)).isEqualTo(45.0);
        assertThat(SessionAnalyzer.cartAt(state, List.of(later, checkout, more), failure, Sessions.DEFAULT))
                .as("the checkout's own cart value, and nothing added after the failure").isEqualTo(47.5);
        assertThat(SessionAnalyzer.cartAt(null, List.of(more), failure, Sessions.DEFAULT))
                .as("no open session: only what waits").isEqualTo(5.0);
    }

    @Test
    void aCartOfAnEarlierSessionIsNotAtRisk() {
        CxEvent add = web(EventType.ADD_TO_CART, at(0));
        add.price = 20.0;
        feed(add);
        long nextDay = at(2 * 3_600_000);
        assertThat(SessionAnalyzer.cartAt(state, List.of(), nextDay, Sessions.DEFAULT)).isZero();
        CxEvent old = web(EventType.ADD_TO_CART, at(60_000));
        old.price = 7.0;
        CxEvent fresh = web(EventType.ADD_TO_CART, nextDay - 60_000);
        fresh.price = 3.0;
        assertThat(SessionAnalyzer.cartAt(state, List.of(fresh, old), nextDay, Sessions.DEFAULT))
                .as("a gap of more than 30 minutes starts a new cart").isEqualTo(3.0);
    }
}
