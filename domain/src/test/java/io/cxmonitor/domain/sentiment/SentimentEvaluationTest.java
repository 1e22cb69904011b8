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
 * change the lexicon). The README reports both.
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
