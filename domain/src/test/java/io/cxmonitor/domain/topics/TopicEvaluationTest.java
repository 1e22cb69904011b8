package io.cxmonitor.domain.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Topic assignment (macro-F1 over the taxonomy, multi-label) and each found topic's sentiment
 * (right sign) on labelled CX texts written for this project: the development set (93 texts, used
 * to tune the taxonomy's terms) and the hold-out set (150 texts, written before the terms and never
 * used to change them). The README reports both.
 */
class TopicEvaluationTest {

    private final TopicAnalyzer analyzer = TopicAnalyzer.standard();

    /** Macro-F1 and the share of rightly found topics whose sentiment has the labelled sign. */
    record Scores(double macroF1, double polarity) {}

    @Test
    void developmentSet() throws IOException {
        Scores s = evaluate("/topics/topics-dev.tsv", 80);
        System.out.printf("topics, development set: macro-F1 %.3f, topic sentiment %.3f%n", s.macroF1, s.polarity);
        assertThat(s.macroF1).isGreaterThanOrEqualTo(0.93);
        assertThat(s.polarity).isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void secondDevelopmentSet() throws IOException {
        Scores s = evaluate("/topics/topics-dev2.tsv", 130);
        System.out.printf("topics, second development set: macro-F1 %.3f, topic sentiment %.3f%n", s.macroF1, s.polarity);
        assertThat(s.macroF1).isGreaterThanOrEqualTo(0.92);
        assertThat(s.polarity).isGreaterThanOrEqualTo(0.96);
    }

    @Test
    void holdOutSet() throws IOException {
        Scores s = evaluate("/topics/topics-holdout.tsv", 150);
        System.out.printf("topics, hold-out set: macro-F1 %.3f, topic sentiment %.3f%n", s.macroF1, s.polarity);
        assertThat(s.macroF1).isGreaterThanOrEqualTo(0.90);
        assertThat(s.polarity).isGreaterThanOrEqualTo(0.92);
    }

    /** Written long after the taxonomy, in plainer words: a floor at what it was first measured at. */
    @Test
    void secondHoldOutSet() throws IOException {
        Scores s = evaluate("/topics/topics-holdout2.tsv", 150);
        System.out.printf("topics, second hold-out set: macro-F1 %.3f, topic sentiment %.3f%n", s.macroF1, s.polarity);
        assertThat(s.macroF1).isGreaterThanOrEqualTo(0.86);
        assertThat(s.polarity).isGreaterThanOrEqualTo(0.80);
    }

    private Scores evaluate(String resource, int minimumSize) throws IOException {
        List<String[]> rows;
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).map(l -> l.split("\t")).toList();
        }
        assertThat(rows).hasSizeGreaterThanOrEqualTo(minimumSize);
        Map<String, int[]> counts = new HashMap<>(); // true positives, false positives, false negatives
        analyzer.taxonomy().forEach(t -> counts.put(t, new int[3]));
        int rightSign = 0;
        int found = 0;
        for (String[] row : rows) {
            Map<String, Character> labelled = new HashMap<>();
            if (!row[0].equals("none")) {
                for (String label : row[0].split(",")) {
                    String topic = label.substring(0, label.length() - 1);
                    assertThat(analyzer.taxonomy()).as("a topic of the taxonomy").contains(topic);
                    labelled.put(topic, label.charAt(label.length() - 1));
                }
            }
            Map<String, Double> got = new HashMap<>();
            analyzer.topics(row[1]).forEach(m -> got.put(m.topic(), m.score()));
            for (String topic : analyzer.taxonomy()) {
                int[] c = counts.get(topic);
                if (labelled.containsKey(topic) && got.containsKey(topic)) {
                    c[0]++;
                    found++;
                    double score = got.get(topic);
                    rightSign += (labelled.get(topic) == '+' ? score >= 0.05 : score <= -0.05) ? 1 : 0;
                } else if (got.containsKey(topic)) {
                    c[1]++;
                } else if (labelled.containsKey(topic)) {
                    c[2]++;
                }
            }
        }
        double sum = 0;
        for (int[] c : counts.values()) {
            double precision = c[0] + c[1] == 0 ? 1 : c[0] / (double) (c[0] + c[1]);
            double recall = c[0] + c[2] == 0 ? 1 : c[0] / (double) (c[0] + c[2]);
            sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        return new Scores(sum / counts.size(), rightSign / (double) found);
    }
}
