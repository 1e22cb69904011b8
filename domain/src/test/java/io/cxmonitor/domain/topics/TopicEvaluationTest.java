package io.cxmonitor.domain.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Topic assignment (macro-F1 over the taxonomy, multi-label) and each found topic's sentiment
 * (right sign) on labelled CX texts written for this project: two development sets, used to tune
 * the taxonomy's terms, and two hold-out sets, each written before a widening of the terms and never
 * used to change them. The README reports them all.
 */
class TopicEvaluationTest {

    private final TopicAnalyzer analyzer = TopicAnalyzer.standard();

    /** Macro-F1 and the share of rightly found topics whose sentiment has the labelled sign. */
    record Scores(double macroF1, double polarity) {}

    /**
     * Each set, its least size, and the macro-F1 and topic sentiment it must keep: the first
     * hold-out's are targets, the second's the floor it was first measured at.
     */
    @ParameterizedTest(name = "{0}: macro-F1 at least {2}, topic sentiment at least {3}")
    @CsvSource({
        "/topics/topics-dev.tsv,       80, 0.93, 0.90", // development set
        "/topics/topics-holdout.tsv,  150, 0.90, 0.92", // hold-out, written before the taxonomy's terms
        "/topics/topics-dev2.tsv,     130, 0.92, 0.96", // second development set, plainer words
        "/topics/topics-holdout2.tsv, 150, 0.86, 0.80", // second hold-out, written before the second widening
    })
    void scores(String resource, int minimumSize, double macroF1, double polarity) throws IOException {
        Scores s = evaluate(resource, minimumSize);
        System.out.printf("topics, %s: macro-F1 %.3f, topic sentiment %.3f%n", resource, s.macroF1, s.polarity);
        assertThat(s.macroF1).isGreaterThanOrEqualTo(macroF1);
        assertThat(s.polarity).isGreaterThanOrEqualTo(polarity);
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
