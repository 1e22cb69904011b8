package io.cxmonitor.jobs.sentiment;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.domain.experiences.ExperienceRules;
import io.cxmonitor.domain.sentiment.SentimentStats;
import io.cxmonitor.domain.topics.TopicAnalyzer;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.events.KeyHash;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import io.cxmonitor.jobs.common.windows.Accumulate;
import io.cxmonitor.jobs.common.windows.MinuteWindows;
import io.cxmonitor.jobs.common.windows.PointsOf;
import io.cxmonitor.jobs.common.windows.WindowSettings;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Sentiment per minute and over the last 15 minutes (sliding by one), by stream and by review
 * source or support channel (SPEC 3.1), and the bad experiences customers' texts are.
 *
 * @param experiences negative reviews and support messages
 * @param texts every scored text, with its topics and without its words
 */
public record SentimentSignals(DataStream<InfluxPoint> points, DataStream<BadExperience> experiences,
        DataStream<ScoredText> texts) {

    private static final String[] FIELDS = {"count", "mean_score", "negative_share", "positive_share", "neutral_share"};

    public static final Measurement SENTIMENT =
            Measurement.define("cx_sentiment", EnumSet.of(Tag.STREAM, Tag.SOURCE, Tag.CHANNEL), FIELDS);
    public static final Measurement SENTIMENT_15M =
            Measurement.define("cx_sentiment_15m", EnumSet.of(Tag.STREAM, Tag.SOURCE, Tag.CHANNEL), FIELDS);

    /** Where a text came from: the stream and its review source or support channel. */
    public record Origin(String stream, String group) {
        static Origin of(ScoredText t) {
            Tag group = t.stream.equals(Stream.REVIEWS.id()) ? Tag.SOURCE : Tag.CHANNEL;
            return new Origin(t.stream, group.value(t.group));
        }

        @Override
        public int hashCode() {
            return KeyHash.of(stream, group); // stable across JVMs: it picks the key group
        }
    }

    public static SentimentSignals attach(DataStream<CxEvent> voice, ExperienceRules rules, TopicAnalyzer topics,
            WindowSettings windows) {
        SingleOutputStreamOperator<ScoredText> scored = voice
                .process(new ScoreTexts(rules, topics))
                .uid("voice-of-customer")
                .name("Score texts, find bad experiences");
        KeyedStream<ScoredText, Origin> byOrigin = scored.keyBy(Origin::of, TypeInformation.of(Origin.class));
        DataStream<InfluxPoint> perMinute = MinuteWindows.tumbling(byOrigin, windows, stats(), points(SENTIMENT),
                "sentiment-per-minute", "Sentiment per minute");
        DataStream<InfluxPoint> last15 = MinuteWindows.sliding(byOrigin, Duration.ofMinutes(15), windows, stats(),
                points(SENTIMENT_15M), "sentiment-15-minutes", "Sentiment over 15 minutes");
        return new SentimentSignals(perMinute.union(last15), scored.getSideOutput(ScoreTexts.EXPERIENCES), scored);
    }

    private static Accumulate<ScoredText, SentimentStats> stats() {
        return Accumulate.of(SentimentStats.class, SentimentStats::new, (s, t) -> s.add(t.score), SentimentStats::merge);
    }

    private static PointsOf<Origin, SentimentStats> points(Measurement measurement) {
        return (origin, end, s, out) -> out.accept(measurement.point(end)
                .tag(Tag.STREAM, origin.stream())
                .tag(origin.stream().equals(Stream.REVIEWS.id()) ? Tag.SOURCE : Tag.CHANNEL, origin.group())
                .field("count", s.count)
                .field("mean_score", s.mean())
                .field("negative_share", s.negativeShare())
                .field("positive_share", s.positiveShare())
                .field("neutral_share", s.count == 0 ? Double.NaN : s.neutral / (double) s.count)
                .build());
    }
}
