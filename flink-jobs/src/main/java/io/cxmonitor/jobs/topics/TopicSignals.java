package io.cxmonitor.jobs.topics;

import io.cxmonitor.domain.sentiment.SentimentStats;
import io.cxmonitor.domain.topics.EmergingTerms;
import io.cxmonitor.events.KeyHash;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
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

    /** How many emerging terms a point holds, each in fields of its rank: never tags. */
    private static final int REPORTED = EmergingTerms.Settings.DEFAULT.report();
    public static final Measurement EMERGING_TERMS = Measurement.define("cx_emerging_terms", EnumSet.noneOf(Tag.class),
            emergingFields());

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
            return KeyHash.of(stream, group, topic); // stable across JVMs: it picks the key group
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

    /**
     * The emerging terms of negative texts (SPEC 7), every five minutes of event time that had
     * some, over the hour before.
     */
    public static SingleOutputStreamOperator<EmergingTermsReport> emergingTerms(DataStream<ScoredText> texts) {
        return texts
                .filter(t -> t.terms.length > 0).name("Negative texts with terms")
                .keyBy(t -> EmergingTermsFunction.ALL, Types.INT)
                .process(new EmergingTermsFunction(EmergingTerms.Settings.DEFAULT))
                .uid("emerging-terms")
                .name("Emerging terms of negative texts");
    }

    /** One point per report: term_1 ... term_5 with their lift, share and customers (at least). */
    public static InfluxPoint point(EmergingTermsReport r) {
        Measurement.Builder p = EMERGING_TERMS.point(r.at).field("count", (long) r.terms.length);
        for (int i = 0; i < r.terms.length && i < REPORTED; i++) {
            int rank = i + 1;
            p.field("term_" + rank, r.terms[i])
                    .field("lift_" + rank, r.lifts[i])
                    .field("share_" + rank, r.shares[i])
                    .field("customers_" + rank, (long) r.customers[i]);
        }
        return p.build();
    }

    private static String[] emergingFields() {
        List<String> fields = new ArrayList<>(List.of("count"));
        for (int rank = 1; rank <= REPORTED; rank++) {
            fields.addAll(List.of("term_" + rank, "lift_" + rank, "share_" + rank, "customers_" + rank));
        }
        return fields.toArray(new String[0]);
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
