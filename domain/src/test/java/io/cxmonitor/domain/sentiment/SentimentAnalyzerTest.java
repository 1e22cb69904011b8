package io.cxmonitor.domain.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentimentAnalyzerTest {

    private final SentimentAnalyzer analyzer = SentimentAnalyzer.standard();

    private double score(String text) {
        return analyzer.score(text);
    }

    @Test
    void aTextWithoutOpinionIsNeutral() {
        assertThat(score("Can I change the delivery address for my order?")).isZero();
        assertThat(analyzer.label("I ordered the blue one.")).isEqualTo(Sentiment.NEUTRAL);
        assertThat(score("")).isZero();
        assertThat(score(null)).isZero();
    }

    @Test
    void negationFlipsAndWeakens() {
        assertThat(score("I am happy")).isPositive();
        assertThat(score("I am not happy")).isNegative();
        assertThat(score("not bad at all")).isPositive();
        assertThat(score("The app doesn't crash anymore")).isPositive();
        assertThat(Math.abs(score("not great"))).isLessThan(Math.abs(score("great")));
    }

    @Test
    void negationStopsAtTheEndOfAClause() {
        assertThat(score("No, the service was great")).isPositive();
    }

    @Test
    void neverSoIsEmphasisNotNegation() {
        assertThat(score("Never been so pleased")).isPositive();
        assertThat(score("Never pleased")).isNegative();
    }

    @Test
    void boostersStrengthenAndDampenersWeaken() {
        assertThat(score("very good")).isGreaterThan(score("good"));
        assertThat(score("extremely bad")).isLessThan(score("bad"));
        assertThat(score("slightly late")).isGreaterThan(score("late")).isNegative();
        assertThat(score("a bit slow")).isGreaterThan(score("slow")).isNegative();
    }

    @Test
    void capitalsAndExclamationMarksAddEmphasis() {
        assertThat(score("This is GREAT")).isGreaterThan(score("This is great"));
        assertThat(score("Terrible!!!")).isLessThan(score("Terrible"));
        assertThat(score("LOVE IT")).isPositive();
    }

    @Test
    void afterButCountsMore() {
        assertThat(score("The design is nice, but it broke after a week")).isNegative();
        assertThat(score("It broke once, but the replacement is excellent")).isPositive();
    }

    @Test
    void knowsTheVocabularyOfCustomerExperience() {
        assertThat(score("I was charged twice")).isLessThan(-0.5);
        assertThat(score("My order never arrived")).isLessThan(-0.5);
        assertThat(score("Still not fixed")).isLessThan(-0.5);
        assertThat(score("The app crashed")).isNegative();
        assertThat(score("Highly recommend")).isGreaterThan(0.5);
        assertThat(score("I would like to return my order")).isZero();
    }

    @Test
    void readsEmoticonsAndEmoji() {
        assertThat(score(":)")).isPositive();
        assertThat(score("Broken again :(")).isNegative();
        assertThat(score("👍")).isPositive();
        assertThat(score("😡")).isNegative();
    }

    @Test
    void angryMessagesAreStronglyNegativeAndMildComplaintsAreNot() {
        assertThat(score("My order never arrived and nobody answers. This is unacceptable!")).isLessThan(-0.5);
        double mild = score("The delivery was a bit slow.");
        assertThat(mild).isNegative().isGreaterThan(-0.5);
    }

    @Test
    void scoresStayWithinMinusOneAndOne() {
        String rant = "terrible awful horrible worst useless broken scam fraud ".repeat(20) + "!!!!!!";
        assertThat(score(rant)).isBetween(-1.0, -0.99);
        assertThat(score("amazing excellent perfect best ".repeat(20))).isBetween(0.99, 1.0);
    }
}
