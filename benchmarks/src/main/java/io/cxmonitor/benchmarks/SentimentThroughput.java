package io.cxmonitor.benchmarks;

import io.cxmonitor.domain.sentiment.SentimentAnalyzer;
import io.cxmonitor.domain.topics.TopicAnalyzer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** JMH: texts scored (and their topics found) per second on one thread, over a mix of review and support texts. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SentimentThroughput {

    private static final String[] TEXTS = {
        "My order never arrived and nobody answers my emails. This is unacceptable!",
        "Great product, arrived two days early. Very happy with it.",
        "Can I change the delivery address for order 482913?",
        "The jacket looks nice, but the zip broke after a week.",
        "Not bad at all, the kettle works well.",
        "The delivery was a bit slow.",
        "Thanks, that solved it :)",
        "I was charged twice and the refund still hasn't come through after a month.",
        "Absolutely love these headphones, the sound is amazing!!",
        "Where can I find the tracking number for my parcel?",
        "The app crashed at checkout three times. Useless.",
        "Average product, nothing special.",
        "Excellent support, problem solved in minutes. Highly recommend.",
        "Not happy at all. The lamp doesn't work and support never replied.",
        "The box was slightly dented but the item itself is fine.",
        "Love it! ❤️",
    };

    private SentimentAnalyzer analyzer;
    private TopicAnalyzer topics;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        analyzer = SentimentAnalyzer.standard();
        topics = TopicAnalyzer.standard();
    }

    /** The sentiment and the topics of a text, each topic with its own sentiment: what cx-signals does per text. */
    @Benchmark
    public Object topics() {
        next = (next + 1) & (TEXTS.length - 1);
        return topics.analyze(TEXTS[next]);
    }

    @Benchmark
    public double score() {
        next = (next + 1) & (TEXTS.length - 1);
        return analyzer.score(TEXTS[next]);
    }
}
