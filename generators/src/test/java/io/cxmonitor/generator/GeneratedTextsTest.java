package io.cxmonitor.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.sentiment.Sentiment;
import io.cxmonitor.domain.sentiment.SentimentAnalyzer;
import org.junit.jupiter.api.Test;

/**
 * The generator's texts are read as intended by the pipeline's analyzer, and on the right side of
 * the -0.5 line that makes a negative message a bad experience: the ground truth of bad
 * experiences and the pipeline's rules agree.
 */
class GeneratedTextsTest {

    @Test
    void generatedTextsAreReadWithTheirIntendedPolarityAndIntensity() {
        SentimentAnalyzer analyzer = SentimentAnalyzer.standard();
        TrafficSimulator simulator = new TrafficSimulator(
                new TrafficSettings().seed(3).rate(100).customers(20_000), TrafficSimulatorTest.START);
        int texts = 0;
        int correct = 0;
        while (texts < 10_000) {
            for (TruthEntry t : simulator.next().truth()) {
                if (!t.type().equals("text")) {
                    continue;
                }
                texts++;
                double score = analyzer.score((String) t.get("text"));
                if (Sentiment.of(score).id().equals(t.get("polarity"))) {
                    correct++;
                }
                if ("negative".equals(t.get("polarity"))) {
                    if ("strong".equals(t.get("intensity"))) {
                        assertThat(score).as((String) t.get("text")).isLessThanOrEqualTo(-0.5);
                    } else {
                        assertThat(score).as((String) t.get("text")).isGreaterThan(-0.5);
                    }
                }
            }
        }
        assertThat(correct / (double) texts).isGreaterThan(0.95);
    }
}
