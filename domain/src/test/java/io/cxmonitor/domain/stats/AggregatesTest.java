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
        j.add(session(4, false, 30, SessionRating.SATISFYING));
        j.add(session(2, true, 50, SessionRating.FRUSTRATING));
        j.add(session(1, true, 20, SessionRating.TOLERATING));
        j.add(session(0, false, 0, SessionRating.SATISFYING));
        assertThat(j.stepConversion(1)).isEqualTo(3 / 4.0);
        assertThat(j.stepConversion(2)).isEqualTo(2 / 3.0);
        assertThat(j.overallConversion()).isEqualTo(0.25);
        assertThat(j.abandonmentRate()).isEqualTo(2 / 3.0);
        assertThat(j.abandonedAt[2]).isEqualTo(1);
        assertThat(j.cartValueAtRisk()).isEqualTo(70.0);
        assertThat(j.ratings[SessionRating.FRUSTRATING.ordinal()]).isEqualTo(1);
    }

    @Test
    void sentimentStatsGiveMeanAndShares() {
        SentimentStats s = new SentimentStats().add(0.8).add(-0.6).add(0.0).add(0.4);
        assertThat(s.mean()).isEqualTo(0.15, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(s.negativeShare()).isEqualTo(0.25);
        assertThat(s.positiveShare()).isEqualTo(0.5);
    }

    private static SessionSummary session(int last, boolean abandoned, double cart, SessionRating rating) {
        SessionSummary s = new SessionSummary();
        s.lastStep = last;
        s.abandoned = abandoned;
        s.converted = last == 4;
        s.cartValue = cart;
        s.rating = rating;
        return s;
    }
}
