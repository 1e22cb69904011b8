package io.cxmonitor.jobs.topics;

import io.cxmonitor.domain.sentiment.SentimentStats;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import io.cxmonitor.jobs.common.windows.Accumulate;
import io.cxmonitor.jobs.common.windows.MinuteWindows;
import io.cxmonitor.jobs.common.windows.PointsOf;
import io.cxmonitor.jobs.common.windows.WindowSettings;
import io.cxmonitor.jobs.sentiment.ScoredText;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.util.Collector;

/**
 * What customers' texts are about (SPEC 7): per minute and over the last 15 minutes (sliding by
 * one), by stream, review source or support channel, and topic, the volume of texts that name the
 * topic, the mean of the topic's own sentiment in them, and the share where it is negative.
 */
public final class TopicSignals {

    private static final String[] FIELDS = {"count", "mean_score", "negative_share"};
    private static final EnumSet<Tag> TAGS = EnumSet.of(Tag.STREAM, Tag.SOURCE, Tag.CHANNEL, Tag.TOPIC);

    public static final Measurement TOPICS = Measurement.define("cx_topics", TAGS, FIELDS);
    public static final Measurement TOPICS_15M = Measurement.define("cx_topics_15m", TAGS, FIELDS);

    /** One topic of one text: where the text came from, the topic, and its sentiment there. A Flink POJO. */
    public static class TopicMention {
        public String stream;
        public String group;
        public String topic;
        public double score;

        public TopicMention() {}

        TopicMention(String stream, String group, String topic, double score) {
            this.stream = stream;
            this.group = group;
            this.topic = topic;
            this.score = score;
        }
    }

    /** The key of the windows: stream, source or channel (as written), topic. */
    public record Key(String stream, String group, String topic) {
        static Key of(TopicMention m) {
            Tag group = m.stream.equals(Stream.REVIEWS.id()) ? Tag.SOURCE : Tag.CHANNEL;
            return new Key(m.stream, group.value(m.group), Tag.TOPIC.value(m.topic));
        }

        @Override
        public int hashCode() {
            return Objects.hash(stream, group, topic); // stable across JVMs: it picks the key group
        }
    }

    private TopicSignals() {}

    public static DataStream<InfluxPoint> points(DataStream<ScoredText> texts, WindowSettings windows) {
        KeyedStream<TopicMention, Key> byTopic = texts
                .flatMap(new Mentions()).returns(TopicMention.class).name("Topics of each text")
                .keyBy(Key::of, TypeInformation.of(Key.class));
        DataStream<InfluxPoint> perMinute = MinuteWindows.tumbling(byTopic, windows, stats(), points(TOPICS),
                "topics-per-minute", "Topics per minute");
        DataStream<InfluxPoint> last15 = MinuteWindows.sliding(byTopic, Duration.ofMinutes(15), windows, stats(),
                points(TOPICS_15M), "topics-15-minutes", "Topics over 15 minutes");
        return perMinute.union(last15);
    }

    private static final class Mentions implements FlatMapFunction<ScoredText, TopicMention> {
        @Override
        public void flatMap(ScoredText t, Collector<TopicMention> out) {
            for (int i = 0; i < t.topics.length; i++) {
                out.collect(new TopicMention(t.stream, t.group, t.topics[i], t.topicScores[i]));
            }
        }
    }

    private static Accumulate<TopicMention, SentimentStats> stats() {
        return Accumulate.of(SentimentStats.class, SentimentStats::new, (s, m) -> s.add(m.score), SentimentStats::merge);
    }

    private static PointsOf<Key, SentimentStats> points(Measurement measurement) {
        return (key, end, s, out) -> out.accept(measurement.point(end)
                .tag(Tag.STREAM, key.stream())
                .tag(key.stream().equals(Stream.REVIEWS.id()) ? Tag.SOURCE : Tag.CHANNEL, key.group())
                .tag(Tag.TOPIC, key.topic())
                .field("count", s.count)
                .field("mean_score", s.mean())
                .field("negative_share", s.negativeShare())
                .build());
    }
}
