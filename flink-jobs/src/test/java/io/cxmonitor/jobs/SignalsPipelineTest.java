package io.cxmonitor.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.experiences.BadExperience;
import io.cxmonitor.events.EventLimits;
import io.cxmonitor.events.Stream;
import io.cxmonitor.jobs.common.config.CxConfig;
import io.cxmonitor.jobs.common.config.CxOptions;
import io.cxmonitor.jobs.ingest.ParsedRecord;
import io.cxmonitor.jobs.ingest.RecordParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every signal of SPEC section 3 from the hand-written day, through the signals pipeline on a
 * MiniCluster at parallelism 2, without Kafka or InfluxDB: in-memory records in, collected points
 * and experiences out, each with the value its definition gives.
 */
class SignalsPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long MINUTE = HandWrittenDay.MINUTE;
    private static final long T0 = (System.currentTimeMillis() - 4 * 3_600_000) / MINUTE * MINUTE;

    private static Points points;
    private static List<BadExperience> experiences;

    @BeforeAll
    static void runTheSignalsOnTheHandWrittenDay() throws Exception {
        CxConfig config = CxConfig.load(Map.of(), Map.of(), Map.of(CxOptions.WINDOW_UPDATE_INTERVAL.key(), "100 ms"));
        List<HandWrittenDay.Record> day = new ArrayList<>(HandWrittenDay.from(T0));
        day.addAll(HandWrittenDay.clock(T0, 1));
        experiences = new ArrayList<>();
        points = signals(day, config, experiences);
    }

    /**
     * The points of the signals job on {@code records}, in the order of their event time, with
     * event time moving exactly with them; its bad experiences are added to {@code experiences}.
     */
    static Points signals(List<HandWrittenDay.Record> records, CxConfig config, List<BadExperience> experiences)
            throws Exception {
        Map<String, Stream> streams = new HashMap<>();
        for (Stream s : Stream.values()) {
            streams.put(s.defaultTopic(), s);
        }
        RecordParser parser = new RecordParser(streams, EventLimits.DEFAULT);
        parser.open(null);
        List<ParsedRecord> parsed = new ArrayList<>();
        records.stream().sorted(Comparator.comparingLong(HandWrittenDay.Record::ts)).forEach(r ->
                parser.deserialize(new ConsumerRecord<>(r.stream().defaultTopic(), 0, 0, null, r.json().getBytes()),
                        new org.apache.flink.util.Collector<>() {
                            @Override
                            public void collect(ParsedRecord record) {
                                parsed.add(record);
                            }

                            @Override
                            public void close() {}
                        }));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        // one source whose every record is a watermark: event time moves exactly with the records
        DataStream<ParsedRecord> source = env.fromData(parsed).setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<ParsedRecord>forGenerator(ctx -> new EveryRecord())
                        .withTimestampAssigner((r, t) -> r.timestamp())).setParallelism(1);
        SignalsJob.Outputs out = SignalsJob.pipeline(source, TestPipelines.noRequests(source), config);
        List<String> lines = new ArrayList<>();
        try (CloseableIterator<Object> it = out.points().map(p -> (Object) p.line)
                .union(out.experiences().map(b -> (Object) b)).executeAndCollect("signals on hand-written events")) {
            it.forEachRemaining(o -> {
                if (o instanceof BadExperience b) {
                    experiences.add(b);
                } else {
                    lines.add((String) o);
                }
            });
        }
        return new Points(lines);
    }

    static Map<String, String> where(String... tagValues) {
        Map<String, String> where = new HashMap<>();
        for (int i = 0; i < tagValues.length; i += 2) {
            where.put(tagValues[i], tagValues[i + 1]);
        }
        return where;
    }

    @Test
    void frictionCountsRageClicksAndErrorsPerPlace() {
        assertThat(points.sum("cx_friction", "rage_clicks", where("touchpoint", "web", "page_type", "product"))).isEqualTo(1);
        assertThat(points.sum("cx_friction", "rage_click_clicks", where("page_type", "product"))).isEqualTo(4);
        assertThat(points.sum("cx_friction", "js_errors", where("page_type", "checkout"))).isEqualTo(1);
        assertThat(points.sum("cx_friction", "api_errors", where("touchpoint", "app", "screen", "home"))).isEqualTo(1);
        assertThat(points.sum("cx_friction", "crashes", where("touchpoint", "app", "platform", "android"))).isEqualTo(1);
    }

    @Test
    void performanceRatesWebVitalsAtTheSeventyFifthPercentileAndCountsApdex() {
        Map<String, String> lcp = where("metric", "LCP", "page_type", "product");
        assertThat(points.last("cx_web_vitals", "p75", lcp)).isEqualTo(5000.0);
        assertThat(points.last("cx_web_vitals", "rating", lcp)).isEqualTo("poor");
        assertThat(points.last("cx_web_vitals", "poor_share", lcp)).isEqualTo(0.5);
        assertThat(points.last("cx_apdex", "apdex", where("platform", "android", "screen", "home"))).isEqualTo(0.375);
        assertThat(points.sum("cx_app", "crashes", where("platform", "android", "app_version", "5.2.0"))).isEqualTo(1);
        assertThat(points.last("cx_app", "crash_rate", where("app_version", "5.2.0"))).isEqualTo(1.0);
    }

    @Test
    void journeysGiveConversionAbandonmentAndCartValueAtRiskInTheMinuteTheyEnded() {
        assertThat(points.sum("cx_journeys", "sessions", where())).as("%s", points.of("cx_journeys", where())).isEqualTo(4);
        assertThat(points.sum("cx_journeys", "conversions", where())).isEqualTo(1);
        assertThat(points.sum("cx_journeys", "abandoned", where("touchpoint", "web"))).isEqualTo(1);
        assertThat(points.sum("cx_journeys", "cart_value_at_risk", where("touchpoint", "web"))).isEqualTo(50);
        assertThat(points.sum("cx_journeys", "frustrating", where())).isEqualTo(3);
        assertThat(points.sum("cx_funnel", "reached", where("step", "purchase"))).isEqualTo(1);
        assertThat(points.of("cx_funnel", where("step", "begin_checkout")).stream()
                .filter(p -> ((Double) p.fields().get("abandoned")) > 0).map(Points.Point::time))
                .as("c1's session ended at 25 s: its abandonment counts in that minute")
                .containsExactly(T0 + MINUTE);
    }

    @Test
    void sentimentIsAggregatedBySourceAndChannel() {
        assertThat(points.sum("cx_sentiment", "count", where("stream", "reviews", "source", "trustpilot"))).isEqualTo(2);
        assertThat(points.sum("cx_sentiment", "count", where("stream", "support", "channel", "chat"))).isEqualTo(2);
        assertThat(points.last("cx_sentiment", "negative_share", where("stream", "reviews"))).isEqualTo(0.5);
        // both reviews came in the day's first minute: the fifteen windows of 15 minutes that hold it, once each
        List<Points.Point> last15 = points.of("cx_sentiment_15m", where("stream", "reviews", "source", "trustpilot"));
        assertThat(last15).extracting(p -> p.fields().get("count")).containsOnly(2.0);
        assertThat(last15).extracting(Points.Point::time).doesNotHaveDuplicates().hasSize(15)
                .contains(T0 + MINUTE, T0 + 15 * MINUTE);
        assertThat(last15).extracting(p -> p.fields().get("negative_share")).containsOnly(0.5);
    }

    @Test
    void topicsAreCountedWithTheirOwnSentiment() {
        // "My parcel never arrived. Terrible!" and "Love it, great quality."
        assertThat(points.of("cx_topics", where("stream", "reviews", "source", "trustpilot")))
                .extracting(p -> p.tags().get("topic") + " " + p.fields().get("count") + " " + p.fields().get("negative_share"))
                .containsExactlyInAnyOrder("delivery 1.0 1.0", "product_quality 1.0 0.0");
        // "I was charged twice and my order never arrived." and, an hour later, "Can I change my delivery address?"
        assertThat(points.sum("cx_topics", "count", where("stream", "support", "channel", "chat", "topic", "delivery")))
                .isEqualTo(2);
        assertThat(points.sum("cx_topics", "count", where("stream", "support", "channel", "chat", "topic", "payment_billing")))
                .isEqualTo(1);
        assertThat(points.of("cx_topics", where("topic", "delivery", "stream", "support")))
                .extracting(p -> p.fields().get("negative_share")).containsExactlyInAnyOrder(1.0, 0.0);
        assertThat(points.of("cx_topics_15m", where("stream", "reviews", "topic", "delivery")))
                .hasSize(15).extracting(p -> p.fields().get("count")).containsOnly(1.0);
    }

    @Test
    void supportKpisFollowTheirDefinitions() {
        Map<String, String> chat = where("channel", "chat");
        assertThat(points.sum("cx_support", "tickets_opened", chat)).isEqualTo(2);
        assertThat(points.sum("cx_support", "repeat_contacts", chat)).isEqualTo(1);
        assertThat(points.sum("cx_support", "first_response_p50_s", chat)).isEqualTo(480.0);
        assertThat(points.sum("cx_support", "resolution_p90_s", chat)).isEqualTo(1200.0);
        assertThat(points.sum("cx_support", "csat_answers", chat)).isEqualTo(1);
        assertThat(points.last("cx_support", "csat", chat)).isEqualTo(0.0);
        assertThat(points.last("cx_support", "nps", chat)).isEqualTo(100.0);
        assertThat(points.last("cx_support", "ces", chat)).isEqualTo(6.0);
    }

    @Test
    void everyBadExperienceOfAKnownCustomerIsFoundOnceAndCounted() {
        // T2 is never answered at all: a second slow first response
        assertThat(experiences).extracting(b -> b.customerId + ":" + b.kind.id()).containsExactlyInAnyOrder(
                "c1:checkout_failure", "c2:app_crash", "c4:negative_review", "c6:negative_support_message",
                "c6:slow_first_response", "c6:low_csat", "c6:slow_first_response");
        assertThat(experiences).allSatisfy(b -> assertThat(b.eventIds).isNotEmpty());
        assertThat(points.sum("cx_bad_experiences", "count", where())).isEqualTo(7);
        // a bad text names what it was about (SPEC 7); other experiences name no topic
        assertThat(experiences).filteredOn(b -> b.kind.id().startsWith("negative"))
                .extracting(b -> b.customerId + ":" + String.join(",", b.topics))
                .containsExactlyInAnyOrder("c4:delivery", "c6:delivery,payment_billing");
        assertThat(experiences).filteredOn(b -> !b.kind.id().startsWith("negative")).allSatisfy(b -> assertThat(b.topics).isEmpty());
    }

    @Test
    void withTopicsAndAnomaliesOffTheOtherSignalsAreTheSame() throws Exception {
        CxConfig config = CxConfig.load(Map.of(), Map.of(), Map.of(CxOptions.WINDOW_UPDATE_INTERVAL.key(), "100 ms",
                CxOptions.TOPICS_ENABLED.key(), "false", CxOptions.ANOMALIES_ENABLED.key(), "false"));
        List<HandWrittenDay.Record> day = new ArrayList<>(HandWrittenDay.from(T0));
        day.addAll(HandWrittenDay.clock(T0, 1));
        List<BadExperience> without = new ArrayList<>();
        Points off = signals(day, config, without);

        assertThat(off.all()).extracting(Points.Point::measurement).isNotEmpty()
                .doesNotContain("cx_topics", "cx_topics_15m", "cx_emerging_terms", "cx_anomalies", "cx_incidents");
        assertThat(points.all()).extracting(Points.Point::measurement).as("the same day with them").contains("cx_topics");
        assertThat(without).extracting(b -> b.customerId + ":" + b.kind.id())
                .containsExactlyInAnyOrderElementsOf(experiences.stream().map(b -> b.customerId + ":" + b.kind.id()).toList());
        assertThat(without).allSatisfy(b -> assertThat(b.topics).isNullOrEmpty());
        for (String m : List.of("cx_sentiment", "cx_bad_experiences", "cx_support", "cx_journeys", "cx_friction")) {
            assertThat(off.sum(m, firstNumericField(m), where()))
                    .as(m).isEqualTo(points.sum(m, firstNumericField(m), where()));
        }
    }

    /** A field every point of {@code measurement} has, to compare two runs by. */
    private static String firstNumericField(String measurement) {
        return switch (measurement) {
            case "cx_support" -> "tickets_opened";
            case "cx_journeys" -> "sessions";
            case "cx_friction" -> "errors";
            default -> "count";
        };
    }

    @Test
    void healthCountsEventsPerStreamAndType() {
        assertThat(points.sum("cx_events", "count", where("stream", "support"))).isEqualTo(7);
        assertThat(points.sum("cx_events", "count", where("stream", "clickstream", "type", "click"))).isEqualTo(4);
        assertThat(points.sum("cx_events", "count", where("stream", "app"))).isEqualTo(7);
    }

    @Test
    void noPointCarriesTextOrAnIdentifier() {
        assertThat(points.all()).allSatisfy(p -> {
            assertThat(p.tags().keySet()).noneMatch(t -> t.contains("customer") || t.contains("session")
                    || t.contains("ticket") || t.contains("event"));
            assertThat(p.fields().keySet()).noneMatch(f -> f.equals("text") || f.contains("customer"));
        });
    }

    /** Emits the watermark of each record as it passes: the test's event time is the day's, exactly. */
    private static final class EveryRecord implements WatermarkGenerator<ParsedRecord> {
        @Override
        public void onEvent(ParsedRecord record, long timestamp, WatermarkOutput output) {
            if (record.hasEvent()) {
                output.emitWatermark(new Watermark(timestamp - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }
}
