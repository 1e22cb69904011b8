package io.cxmonitor.domain.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.friction.SessionRating;
import io.cxmonitor.domain.journeys.JourneyStats;
import io.cxmonitor.domain.journeys.SessionSummary;
import io.cxmonitor.domain.performance.Apdex;
import io.cxmonitor.domain.sentiment.SentimentStats;
import org.junit.jupiter.api.Test;

class AggregatesTest {

    @Test
    void p75IsTheNearestRankValue() {
        Samples s = new Samples();
        for (int v : new int[] {4000, 1000, 3000, 2000}) {
            s.add(v);
        }
        assertThat(s.percentile(0.75)).isEqualTo(3000);
        assertThat(new Samples().percentile(0.75)).isNaN();
        assertThat(s.mean()).isEqualTo(2500);
    }

    @Test
    void apdexCountsTolerableCallsHalfAndErrorsAsFrustrated() {
        Apdex a = new Apdex();
        a.add(100, false, 500).add(900, false, 500).add(2_500, false, 500).add(50, true, 500);
        assertThat(a.score()).isEqualTo((1 + 0.5) / 4);
        assertThat(a.errors).isEqualTo(1);
    }

    @Test
    void journeyStatsGiveStepConversionAbandonmentAndCartValueAtRisk() {
        JourneyStats j = new JourneyStats();
        j.add(session(0b11111, 4, false, 30, SessionRating.SATISFYING));
        j.add(session(0b00111, 2, true, 50, SessionRating.FRUSTRATING));
        j.add(session(0b00011, 1, true, 20, SessionRating.TOLERATING));
        j.add(session(0b00001, 0, false, 0, SessionRating.SATISFYING));
        assertThat(j.stepConversion(1)).isEqualTo(3 / 4.0);
        assertThat(j.stepConversion(2)).isEqualTo(2 / 3.0);
        assertThat(j.overallConversion()).isEqualTo(0.25);
        assertThat(j.abandonmentRate()).isEqualTo(2 / 3.0);
        assertThat(j.abandonedAt[2]).isEqualTo(1);
        assertThat(j.cartValueAtRisk()).isEqualTo(70.0);
        assertThat(j.ratings[SessionRating.FRUSTRATING.ordinal()]).isEqualTo(1);
    }

    /** Steps a session skipped (its cart filled in an earlier session, a checkout not recorded) were passed. */
    @Test
    void aSessionThatSkippedStepsPassedThemAndEveryRateStaysWithinZeroAndOne() {
        JourneyStats j = new JourneyStats();
        j.add(session(0b10100, 4, false, 30, SessionRating.SATISFYING)); // begin_checkout, then purchase
        j.add(session(0b00100, 2, true, 50, SessionRating.TOLERATING)); // begin_checkout only
        j.add(session(0b00011, 1, true, 20, SessionRating.TOLERATING)); // view, add
        assertThat(j.abandonmentRate()).as("2 abandoned of 3 that reached the cart").isEqualTo(2 / 3.0);
        assertThat(j.overallConversion()).isEqualTo(1 / 3.0);
        for (int step = 1; step < 5; step++) {
            assertThat(j.stepConversion(step)).isBetween(0.0, 1.0);
        }
        assertThat(j.stepConversion(3)).as("the purchase passed add_payment_info").isEqualTo(1 / 2.0);
    }

    /** SPEC 3.2's errors: HTTP and API errors, crashes, ANRs, form errors; JavaScript errors count apart. */
    @Test
    void errorsAreTheSpecsListAndJavaScriptErrorsCountApart() {
        io.cxmonitor.domain.friction.FrictionCounts c = new io.cxmonitor.domain.friction.FrictionCounts();
        for (io.cxmonitor.domain.friction.FrictionSignal signal : io.cxmonitor.domain.friction.FrictionSignal.values()) {
            io.cxmonitor.domain.friction.FrictionEvent f = new io.cxmonitor.domain.friction.FrictionEvent();
            f.signal = signal;
            f.count = 1;
            c.add(f);
        }
        assertThat(c.errors()).isEqualTo(5);
        assertThat(c.count(io.cxmonitor.domain.friction.FrictionSignal.JS_ERROR)).isEqualTo(1);
    }

    @Test
    void sentimentStatsGiveMeanAndShares() {
        SentimentStats s = new SentimentStats().add(0.8).add(-0.6).add(0.0).add(0.4);
        assertThat(s.mean()).isEqualTo(0.15, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.negativeShare()).isEqualTo(0.25);
        assertThat(s.positiveShare()).isEqualTo(0.5);
    }

    private static SessionSummary session(int steps, int last, boolean abandoned, double cart, SessionRating rating) {
        SessionSummary s = new SessionSummary();
        s.stepsReached = steps;
        s.lastStep = last;
        s.abandoned = abandoned;
        s.converted = last == 4;
        s.cartValue = cart;
        s.rating = rating;
        return s;
    }
}
