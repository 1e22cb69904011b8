package io.cxmonitor.jobs.signals.voice;

import static io.cxmonitor.jobs.time.MinuteWindows.key;
import static io.cxmonitor.jobs.time.MinuteWindows.part;

import io.cxmonitor.domain.experience.BadExperience;
import io.cxmonitor.domain.experience.ExperienceRules;
import io.cxmonitor.domain.sentiment.SentimentStats;
import io.cxmonitor.events.CxEvent;
import io.cxmonitor.jobs.sink.InfluxPoint;
import io.cxmonitor.jobs.sink.Measurement;
import io.cxmonitor.jobs.sink.Tag;
import io.cxmonitor.jobs.time.MinuteWindows;
import io.cxmonitor.jobs.time.WindowSettings;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Sentiment per minute and over the last 15 minutes (sliding by one), by stream and by review
 * source or support channel (SPEC 3.1).
 */
public final class SentimentSignals {

    private static final String[] FIELDS = {"count", "mean_score", "negative_share", "positive_share", "neutral_share"};

    public static final Measurement SENTIMENT =
            Measurement.define("cx_sentiment", EnumSet.of(Tag.STREAM, Tag.SOURCE, Tag.CHANNEL), FIELDS);
    public static final Measurement SENTIMENT_15M =
            Measurement.define("cx_sentiment_15m", EnumSet.of(Tag.STREAM, Tag.SOURCE, Tag.CHANNEL), FIELDS);

    private final DataStream<InfluxPoint> points;
    private final DataStream<BadExperience> experiences;

    private SentimentSignals(DataStream<InfluxPoint> points, DataStream<BadExperience> experiences) {
        this.points = points;
        this.experiences = experiences;
    }

    public DataStream<InfluxPoint> points() {
        return points;
    }

    /** Negative reviews and messages, low survey answers, reopened tickets. */
    public DataStream<BadExperience> experiences() {
        return experiences;
    }

    public static SentimentSignals attach(DataStream<CxEvent> voice, ExperienceRules rules, WindowSettings windows) {
        SingleOutputStreamOperator<ScoredText> scored = voice
                .process(new VoiceOfCustomer(rules))
                .uid("voice-of-customer")
                .name("Score texts, find bad experiences");
        KeyedStream<ScoredText, String> byGroup =
                scored.keyBy(t -> key(t.stream, t.group == null ? "" : t.group), Types.STRING);
        DataStream<InfluxPoint> perMinute = MinuteWindows.tumbling(byGroup, windows, new Stats(),
                new SentimentPoint(SENTIMENT), "sentiment-per-minute", "Sentiment per minute");
        DataStream<InfluxPoint> last15 = MinuteWindows.sliding(byGroup, Duration.ofMinutes(15), windows, new Stats(),
                new SentimentPoint(SENTIMENT_15M), "sentiment-15-minutes", "Sentiment over 15 minutes");
        return new SentimentSignals(perMinute.union(last15), scored.getSideOutput(VoiceOfCustomer.EXPERIENCES));
    }

    static final class Stats implements AggregateFunction<ScoredText, SentimentStats, SentimentStats> {
        @Override
        public SentimentStats createAccumulator() {
            return new SentimentStats();
        }

        @Override
        public SentimentStats add(ScoredText t, SentimentStats acc) {
            return acc.add(t.score);
        }

        @Override
        public SentimentStats getResult(SentimentStats acc) {
            return acc;
        }

        @Override
        public SentimentStats merge(SentimentStats a, SentimentStats b) {
            return a.merge(b);
        }
    }

    static final class SentimentPoint extends ProcessWindowFunction<SentimentStats, InfluxPoint, String, TimeWindow> {
        private final Measurement measurement;

        SentimentPoint(Measurement measurement) {
            this.measurement = measurement;
        }

        @Override
        public void process(String key, Context ctx, Iterable<SentimentStats> results, Collector<InfluxPoint> out) {
            SentimentStats s = results.iterator().next();
            String stream = part(key, 0);
            out.collect(measurement.point(ctx.window().getEnd())
                    .tag(Tag.STREAM, stream)
                    .tag(stream.equals("reviews") ? Tag.SOURCE : Tag.CHANNEL, part(key, 1))
                    .field("count", s.count)
                    .field("mean_score", s.mean())
                    .field("negative_share", s.negativeShare())
                    .field("positive_share", s.positiveShare())
                    .field("neutral_share", s.count == 0 ? Double.NaN : s.neutral / (double) s.count)
                    .build());
        }
    }
}
