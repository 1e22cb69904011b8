package io.cxmonitor.domain.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 3-class accuracy on labelled CX texts written for this project: the development set (334 texts,
 * written with the lexicon) and the hold-out set (108 texts, written afterwards and never used to
 * change the lexicon). Binary accuracy on review-style texts (products and restaurants), where a
 * score of exactly 0 counts as wrong: two development sets (235 and 120, used to widen the
 * lexicon) and three hold-out sets (160, written before the first widening; 60, written after the
 * second in the style of its development set; 200 short reviews, written before the third; none ever
 * used to change it). The README reports them all.
 */
class SentimentEvaluationTest {

    private final SentimentAnalyzer analyzer = SentimentAnalyzer.standard();

    @Test
    void accuracyOnTheDevelopmentSetIsAtLeastNinetyPercent() throws IOException {
        double accuracy = accuracy("/sentiment/cx-sentiment-eval.tsv", 300);
        System.out.printf("sentiment accuracy, development set: %.3f%n", accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void accuracyOnTheHoldOutSetIsAtLeastNinetyPercent() throws IOException {
        double accuracy = accuracy("/sentiment/cx-sentiment-holdout.tsv", 100);
        System.out.printf("sentiment accuracy, hold-out set: %.3f%n", accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void binaryAccuracyOnReviewsOfTheDevelopmentSetIsAtLeastNinetyFivePercent() throws IOException {
        double accuracy = binaryAccuracy("/sentiment/reviews-dev.tsv", 200);
        System.out.printf("binary accuracy, reviews development set: %.3f%n", accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void binaryAccuracyOnReviewsOfTheHoldOutSetIsAtLeastNinetyPercent() throws IOException {
        double accuracy = binaryAccuracy("/sentiment/reviews-holdout.tsv", 150);
        System.out.printf("binary accuracy, reviews hold-out set: %.3f%n", accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void binaryAccuracyOnPlainerReviewsOfTheSecondDevelopmentSetIsAtLeastNinetyFivePercent() throws IOException {
        double accuracy = binaryAccuracy("/sentiment/reviews-dev2.tsv", 120);
        System.out.printf("binary accuracy, second reviews development set: %.3f%n", accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.95);
    }

    /**
     * A floor, not a target: most of these reviews say what happened without an opinion word, and
     * 14 of 60 still score 0 (README, Sentiment).
     */
    @Test
    void binaryAccuracyOnPlainerReviewsOfTheSecondHoldOutSetStaysAtLeastItsMeasuredSeventyThreePercent()
            throws IOException {
        double accuracy = binaryAccuracy("/sentiment/reviews-holdout2.tsv", 60);
        System.out.printf("binary accuracy, second reviews hold-out set: %.3f%n", accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.73);
    }

    /** A floor, not a target: 33 of these 200 short reviews still score 0 (README, Sentiment). */
    @Test
    void binaryAccuracyOnShortReviewsOfTheThirdHoldOutSetStaysAtLeastItsMeasuredEightyPercent() throws IOException {
        double accuracy = binaryAccuracy("/sentiment/reviews-holdout3.tsv", 200);
        System.out.printf("binary accuracy, third reviews hold-out set: %.3f%n", accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.80);
    }

    /** Positive or negative labels only; a text scored exactly 0 was not understood, and is wrong. */
    private double binaryAccuracy(String resource, int minimumSize) throws IOException {
        List<String[]> rows = rows(resource);
        assertThat(rows).hasSizeGreaterThanOrEqualTo(minimumSize).allSatisfy(r -> assertThat(r[0]).isIn("positive", "negative"));
        long correct = rows.stream().filter(r -> {
            double score = analyzer.score(r[2]);
            return r[0].equals("positive") ? score > 0 : score < 0;
        }).count();
        return correct / (double) rows.size();
    }

    private List<String[]> rows(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).toList();
        }
    }

    private double accuracy(String resource, int minimumSize) throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
        assertThat(lines).hasSizeGreaterThanOrEqualTo(minimumSize);
        long correct = lines.stream().filter(l -> {
            String[] p = l.split("\t");
            return analyzer.label(p[2]).id().equals(p[0]);
        }).count();
        return correct / (double) lines.size();
    }
}
