package io.cxmonitor.jobs.anomalies;

import static org.assertj.core.api.Assertions.assertThat;

import io.cxmonitor.domain.anomalies.AnomalySettings;
import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.incidents.IncidentJson;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Tag;
import io.cxmonitor.jobs.experiences.ExperienceSignals;
import io.cxmonitor.jobs.incidents.IncidentPoints;
import io.cxmonitor.jobs.support.SupportSignals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class AnomalySignalsTest {

    private static final long MIN = 60_000;
    /** Monday 2026-11-23 00:00 UTC. */
    private static final long MONDAY = 1_795_392_000_000L;

    private static InfluxPoint csat(long minuteEnd, double csat, long answers) {
        return SupportSignals.SUPPORT.point(minuteEnd).tag(Tag.CHANNEL, "chat")
                .field("csat", csat).field("csat_answers", answers).field("tickets_opened", 3L).build();
    }

    /** Feeds the points through the watched-series split and the keyed function, in order. */
    private static List<AnomalyEvent> run(List<InfluxPoint> points) throws Exception {
        return run(points, true);
    }

    /** @param endOfInput whether the input ends (the watermark goes to the end of time) */
    private static List<AnomalyEvent> run(List<InfluxPoint> points, boolean endOfInput) throws Exception {
        AnomalySignals.Values values = new AnomalySignals.Values();
        try (var h = new KeyedOneInputStreamOperatorTestHarness<String, SeriesValue, AnomalyEvent>(
                new KeyedProcessOperator<>(new AnomalyFunction(AnomalySettings.DEFAULT, Duration.ofMinutes(31))),
                v -> v.key, Types.STRING)) {
            h.open();
            for (InfluxPoint p : points) {
                List<SeriesValue> out = new ArrayList<>();
                values.flatMap(p, new Collector<>() {
                    @Override
                    public void collect(SeriesValue v) {
                        out.add(v);
                    }

                    @Override
                    public void close() {}
                });
                // as a window publishes a minute: stamped with its last millisecond, and followed by
                // the watermark at most up to it
                for (SeriesValue v : out) {
                    h.processElement(new StreamRecord<>(v, p.time() - 1));
                }
                h.processWatermark(p.time() - 1);
            }
            if (endOfInput) {
                h.processWatermark(Long.MAX_VALUE);
            }
            return h.extractOutputValues();
        }
    }

    @Test
    void aDropOfCsatForFiveMinutesIsAnAnomalyAndAnIncidentOnCallCanRead() throws Exception {
        Random noise = new Random(3);
        List<InfluxPoint> points = new ArrayList<>();
        for (int m = 1; m <= 60; m++) {
            points.add(csat(MONDAY + m * MIN, 4.4 + 0.1 * noise.nextGaussian(), 12));
        }
        for (int m = 61; m <= 70; m++) {
            points.add(csat(MONDAY + m * MIN, 4.4, 2)); // thin minutes of the usual level
        }
        for (int m = 71; m <= 76; m++) {
            points.add(csat(MONDAY + m * MIN, 4.4, 12)); // published early, then corrected by the final point
            points.add(csat(MONDAY + m * MIN, 2.0, 12));
        }
        List<AnomalyEvent> anomalies = run(points);
        assertThat(anomalies).singleElement().satisfies(a -> {
            assertThat(a.status).isEqualTo("firing");
            assertThat(a.since).as("the minute 70-71, ended at 71").isEqualTo(MONDAY + 70 * MIN);
            assertThat(a.at).isEqualTo(MONDAY + 75 * MIN);
            assertThat(a.summary).isEqualTo("CSAT (channel chat) is 0.5× its level of the last hour since 01:10 UTC");
        });
        Incident incident = AnomalySignals.incident(anomalies.get(0));
        Incident read = IncidentJson.read(IncidentJson.write(incident));
        assertThat(read.dedupKey).isEqualTo("incident:anomaly/support.csat/channel=chat");
        assertThat(read.group.kind()).isEqualTo("anomaly");
        assertThat(read.group.place()).isEqualTo("chat");
        assertThat(read.status).isEqualTo("firing");
        assertThat(read.summary).startsWith("Anomaly: CSAT (channel chat) is 0.5×");
        assertThat(AnomalySignals.point(anomalies.get(0)).line)
                .startsWith("cx_anomalies,channel=chat,signal=support.csat,status=firing ").contains("open=1i");
    }

    private static InfluxPoint app(long minuteEnd, long starts, long crashes) {
        return io.cxmonitor.jobs.performance.PerformanceSignals.APP.point(minuteEnd).tag(Tag.PLATFORM, "android")
                .tag(Tag.APP_VERSION, "5.3.0").field("app_starts", starts).field("crashes", crashes)
                .field("anrs", 0L).field("crash_rate", (double) crashes / starts).build();
    }

    /**
     * An app version with five starts a minute never reaches the 20 a crash rate needs in one
     * minute; pooled with the minutes before, its crash spike is found five minutes after it began.
     */
    @Test
    void aCrashSpikeOfAVersionWithFewStartsIsFoundInFiveMinutes() throws Exception {
        List<InfluxPoint> points = new ArrayList<>();
        for (int m = 1; m <= 90; m++) {
            points.add(app(MONDAY + m * MIN, 5, m % 30 == 15 ? 1 : 0)); // a crash now and then
        }
        for (int m = 91; m <= 100; m++) {
            points.add(app(MONDAY + m * MIN, 5, 2));
        }
        assertThat(run(points)).singleElement().satisfies(a -> {
            assertThat(a.status).isEqualTo("firing");
            assertThat(a.since).as("the minute 90-91").isEqualTo(MONDAY + 90 * MIN);
            assertThat(a.at).isEqualTo(MONDAY + 95 * MIN);
            assertThat(a.series).isEqualTo("cx_app,app_version=5.3.0,platform=android");
            assertThat(a.summary).startsWith("crash rate (app version 5.3.0, platform android) is ");
        });
    }

    private static InfluxPoint lcp(long minuteEnd, double p75, long samples) {
        return io.cxmonitor.jobs.performance.PerformanceSignals.WEB_VITALS.point(minuteEnd)
                .tag(Tag.METRIC, "LCP").tag(Tag.PAGE_TYPE, "product").field("p75", p75)
                .field("count", samples).field("poor_share", 0.0).field("rating", "good").build();
    }

    /** A quantile of a few minutes is not the mean of theirs: a thin minute of p75 is not judged. */
    @Test
    void thinMinutesOfAQuantileAreNotJudged() throws Exception {
        List<InfluxPoint> thin = new ArrayList<>();
        List<InfluxPoint> enough = new ArrayList<>();
        for (int m = 1; m <= 100; m++) {
            thin.add(lcp(MONDAY + m * MIN, m <= 90 ? 2_000 : 9_000, 4));
            enough.add(lcp(MONDAY + m * MIN, m <= 90 ? 2_000 : 9_000, 12));
        }
        assertThat(run(thin)).isEmpty();
        assertThat(run(enough)).as("the same with 12 samples a minute").extracting(a -> a.status).containsExactly("firing");
    }

    private static InfluxPoint experiences(long minuteEnd, String kind, long count) {
        return ExperienceSignals.BAD_EXPERIENCES.point(minuteEnd).tag(Tag.KIND, kind).tag(Tag.TOUCHPOINT, "web")
                .field("count", count).field("mean_severity", 0.9).build();
    }

    @Test
    void checkoutFailuresThatJumpAreAnAnomalyAMinuteAfterEachMinuteNotWhenSessionsClose() throws Exception {
        Random noise = new Random(7);
        List<InfluxPoint> points = new ArrayList<>();
        for (int m = 1; m <= 60; m++) {
            points.add(experiences(MONDAY + m * MIN, "checkout_failure", 1 + noise.nextInt(3)));
            points.add(experiences(MONDAY + m * MIN, "frustrated_session", 1 + noise.nextInt(3)));
        }
        for (int m = 61; m <= 66; m++) { // an outage: twelve failed payments a minute, and as many frustrated sessions
            points.add(experiences(MONDAY + m * MIN, "checkout_failure", 12));
            points.add(experiences(MONDAY + m * MIN, "frustrated_session", 12));
        }
        List<AnomalyEvent> anomalies = run(points);
        assertThat(anomalies).as("frustrated sessions are counted when they close: not judged a minute after; "
                + "and the end of the input resolves nothing").singleElement().satisfies(a -> {
                    assertThat(a.status).isEqualTo("firing");
                    assertThat(a.series).isEqualTo("cx_bad_experiences,kind=checkout_failure,touchpoint=web");
                    assertThat(a.since).isEqualTo(MONDAY + 60 * MIN);
                    assertThat(a.at).as("five minutes of it").isEqualTo(MONDAY + 65 * MIN);
                });
        Incident incident = AnomalySignals.incident(anomalies.get(0));
        assertThat(incident.dedupKey).isEqualTo("incident:anomaly/bad_experiences.count/kind=checkout_failure,touchpoint=web");
        assertThat(incident.group.place()).isEqualTo("checkout_failure");
        assertThat(incident.summary).startsWith("Anomaly: bad experiences (kind checkout_failure, touchpoint web) is ");
        assertThat(AnomalySignals.point(anomalies.get(0)).line)
                .startsWith("cx_anomalies,kind=checkout_failure,signal=bad_experiences.count,status=firing,touchpoint=web ");
        assertThat(IncidentPoints.of(incident).line).as("tagged with its signal, not a page type")
                .startsWith("cx_incidents,kind=anomaly,signal=bad_experiences.count,status=firing,touchpoint=web ");
    }

    /**
     * Failed payments jump, then stop: no point comes for their minutes any more, yet the anomaly
     * resolves ten minutes after the last minute of failures, as other series move event time on.
     */
    @Test
    void checkoutFailuresThatStopResolveWithoutAnotherPointOfTheirOwn() throws Exception {
        Random noise = new Random(7);
        List<InfluxPoint> points = new ArrayList<>();
        for (int m = 1; m <= 60; m++) {
            int failures = noise.nextInt(3);
            if (failures > 0) { // a minute without any has no point
                points.add(experiences(MONDAY + m * MIN, "checkout_failure", failures));
            }
        }
        for (int m = 61; m <= 66; m++) {
            points.add(experiences(MONDAY + m * MIN, "checkout_failure", 12));
        }
        for (int m = 67; m <= 120; m++) { // only the CSAT of chat from now on
            points.add(csat(MONDAY + m * MIN, 4.4, 12));
        }
        List<AnomalyEvent> anomalies = run(points, false);
        assertThat(anomalies).filteredOn(a -> a.series.startsWith("cx_bad_experiences"))
                .extracting(a -> a.status, a -> a.since, a -> a.at)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("firing", MONDAY + 60 * MIN, MONDAY + 65 * MIN),
                        org.assertj.core.groups.Tuple.tuple("resolved", MONDAY + 66 * MIN, MONDAY + 76 * MIN));
    }

    @Test
    void theUsualNoiseOfThreeHoursIsNoAnomaly() throws Exception {
        Random noise = new Random(5);
        List<InfluxPoint> points = new ArrayList<>();
        for (int m = 1; m <= 180; m++) {
            points.add(csat(MONDAY + m * MIN, 4.4 + 0.15 * noise.nextGaussian(), 5 + noise.nextInt(20)));
        }
        assertThat(run(points)).isEmpty();
    }

    @Test
    void aPointIsReadBackFieldByField() {
        InfluxPoint p = InfluxPoint.parse("cx_x,a=b\\,c f=1.5,g=2i,s=\"x, y z\",h=-3 1795392060000");
        assertThat(p.number("f")).isEqualTo(1.5);
        assertThat(p.number("g")).isEqualTo(2);
        assertThat(p.number("h")).isEqualTo(-3);
        assertThat(p.number("s")).isNaN();
        assertThat(p.number("missing")).isNaN();
        assertThat(p.time()).isEqualTo(1_795_392_060_000L);
        assertThat(AnomalySignals.tagsOf(p.seriesKey())).containsEntry("a", "b,c");
    }
}
