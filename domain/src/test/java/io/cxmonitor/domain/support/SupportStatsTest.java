package io.cxmonitor.domain.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SupportStatsTest {

    private static SupportStats of(SupportFact.Kind kind, double... values) {
        SupportStats s = new SupportStats();
        for (double v : values) {
            s.add(new SupportFact("chat", kind, v));
        }
        return s;
    }

    @Test
    void csatIsTheShareOfFoursAndFives() {
        assertThat(of(SupportFact.Kind.CSAT, 5, 4, 3, 1).csat()).isEqualTo(0.5);
    }

    @Test
    void npsIsPromotersMinusDetractorsInPercent() {
        assertThat(of(SupportFact.Kind.NPS, 10, 9, 8, 7, 6, 0).nps()).isEqualTo(0.0);
        assertThat(of(SupportFact.Kind.NPS, 10, 10, 10, 3).nps()).isEqualTo(50.0);
    }

    @Test
    void cesIsTheMeanScore() {
        assertThat(of(SupportFact.Kind.CES, 7, 5, 3).ces()).isEqualTo(5.0);
    }

    @Test
    void firstResponsePercentilesUseNearestRank() {
        SupportStats s = of(SupportFact.Kind.FIRST_RESPONSE, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100);
        assertThat(s.firstResponseSeconds.percentile(0.5)).isEqualTo(50);
        assertThat(s.firstResponseSeconds.percentile(0.9)).isEqualTo(90);
    }

    @Test
    void ratesAreUndefinedWithoutTheirBase() {
        SupportStats s = new SupportStats();
        assertThat(s.csat()).isNaN();
        assertThat(s.reopenRate()).isNaN();
        s.add(new SupportFact("chat", SupportFact.Kind.RESOLVED, 1));
        s.add(new SupportFact("chat", SupportFact.Kind.RESOLVED, 1));
        s.add(new SupportFact("chat", SupportFact.Kind.REOPENED, 1));
        assertThat(s.reopenRate()).isEqualTo(0.5);
        s.add(new SupportFact("chat", SupportFact.Kind.OPENED, 1));
        s.add(new SupportFact("chat", SupportFact.Kind.REPEAT_CONTACT, 1));
        assertThat(s.repeatContactRate()).isEqualTo(1.0);
    }
}
