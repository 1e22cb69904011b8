package io.cxmonitor.jobs.anomalies;

import io.cxmonitor.domain.anomalies.AnomalySettings;
import io.cxmonitor.domain.experiences.BadExperienceKind;
import io.cxmonitor.domain.incidents.Incident;
import io.cxmonitor.domain.incidents.IncidentGroup;
import io.cxmonitor.jobs.common.influx.InfluxPoint;
import io.cxmonitor.jobs.common.influx.Measurement;
import io.cxmonitor.jobs.common.influx.Tag;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * Anomalies of the series that matter (SPEC 7): each watched series of cx-signals' own minute
 * points is compared with its seasonal baseline ({@link io.cxmonitor.domain.anomalies.AnomalyTracker});
 * a deviation beyond {@code anomalies.threshold} robust standard deviations for
 * {@code anomalies.min-duration} is an anomaly, written to {@code cx_anomalies} and raised as an
 * incident of kind {@code anomaly} on {@code cx.incidents}, for on-call.
 */
public final class AnomalySignals {

    /**
     * One watched series: a field of a measurement, per its tags, judged only in minutes whose
     * {@code weight} field reaches {@code minWeight} (a rate of three carts says nothing) or, for a
     * rate or a mean ({@code pooled}), together with the minutes just before it that reach it
     * ({@link io.cxmonitor.domain.anomalies.MinutePool}); never varying less than {@code floor}, and
     * judged {@code settle} after its minute (the points of sessions come when the sessions close);
     * only the series whose key {@code series} accepts.
     */
    public record Watched(String measurement, String field, String weight, double minWeight, boolean pooled,
            double floor, boolean bySession, String label, Predicate<String> series) {

        Watched(String measurement, String field, String weight, double minWeight, boolean pooled, double floor,
                boolean bySession, String label) {
            this(measurement, field, weight, minWeight, pooled, floor, bySession, label, key -> true);
        }

        /** A count (errors, crashes): a minute without a point is taken as 0. */
        public boolean count() {
            return weight == null;
        }

        /** Its name in {@code cx_anomalies} and in incidents' dedup keys, e.g. {@code support.csat}. */
        public String signal() {
            return measurement.substring("cx_".length()) + "." + field;
        }
    }

    private static final boolean POOLED = true;
    private static final boolean ALONE = false;
    private static final boolean BY_SESSION = true;
    private static final boolean BY_MINUTE = false;

    /** The series of SPEC 7. */
    public static final List<Watched> WATCHED = List.of(
            new Watched("cx_topics", "negative_share", "count", 5, POOLED, 0.02, BY_MINUTE, "negative share of a topic"),
            new Watched("cx_journeys", "abandonment_rate", "carts", 10, POOLED, 0.02, BY_SESSION, "cart abandonment"),
            new Watched("cx_journeys", "conversion_rate", "sessions", 20, POOLED, 0.01, BY_SESSION, "conversion"),
            new Watched("cx_funnel", "step_conversion", "reached", 10, POOLED, 0.02, BY_SESSION, "step conversion"),
            new Watched("cx_friction", "errors", null, 0, ALONE, 1, BY_SESSION, "errors"),
            new Watched("cx_friction", "rage_clicks", null, 0, ALONE, 1, BY_SESSION, "rage clicks"),
            new Watched("cx_friction", "crashes", null, 0, ALONE, 1, BY_SESSION, "crashes"),
            new Watched("cx_app", "crash_rate", "app_starts", 20, POOLED, 0.005, BY_MINUTE, "crash rate"),
            // a quantile of a few minutes is not the mean of theirs: judged alone
            new Watched("cx_web_vitals", "p75", "count", 10, ALONE, 0, BY_MINUTE, "p75"),
            new Watched("cx_support", "csat", "csat_answers", 5, POOLED, 0.1, BY_MINUTE, "CSAT"),
            new Watched("cx_support", "first_response_p50_s", "first_responses", 5, ALONE, 5, BY_MINUTE,
                    "first response p50"),
            // checkout failures and crashes are found as they happen: an outage shows within minutes,
            // where the journeys' series wait for the sessions to close
            new Watched("cx_bad_experiences", "count", null, 0, ALONE, 1, BY_MINUTE, "bad experiences",
                    key -> AnomalySignals.FOUND_AS_THEY_HAPPEN.contains(tagsOf(key).get("kind"))));

    /** The kinds of bad experience whose count of a minute is complete a minute later. */
    private static final Set<String> FOUND_AS_THEY_HAPPEN = Arrays.stream(BadExperienceKind.values())
            .filter(BadExperienceKind::foundAsItHappens).map(BadExperienceKind::id).collect(Collectors.toSet());

    private static final EnumSet<Tag> SERIES_TAGS = EnumSet.of(Tag.STREAM, Tag.SOURCE, Tag.CHANNEL, Tag.TOPIC,
            Tag.KIND, Tag.TOUCHPOINT, Tag.STEP, Tag.PAGE_TYPE, Tag.SCREEN, Tag.PLATFORM, Tag.APP_VERSION, Tag.METRIC);

    /** An anomaly's incident's dedup key: this, the signal, a slash and the series' tags. */
    private static final String ANOMALY_KEY = "incident:anomaly/";

    public static final Measurement ANOMALIES = Measurement.define("cx_anomalies", tags(),
            "open", "value", "expected", "sigmas", "since", "summary");

    private static EnumSet<Tag> tags() {
        EnumSet<Tag> tags = EnumSet.copyOf(SERIES_TAGS);
        tags.add(Tag.SIGNAL);
        tags.add(Tag.STATUS);
        return tags;
    }

    /** Anomalies, and the incidents they are. */
    public record Outputs(DataStream<AnomalyEvent> anomalies, DataStream<Incident> incidents) {}

    private AnomalySignals() {}

    /**
     * @param points every point of cx-signals
     * @param bySession how long after its minute a session's point may come
     */
    public static Outputs attach(DataStream<InfluxPoint> points, AnomalySettings settings, Duration bySession) {
        SingleOutputStreamOperator<AnomalyEvent> anomalies = points
                .flatMap(new Values()).returns(SeriesValue.class).name("Watched series")
                .keyBy(v -> v.key, Types.STRING)
                .process(new AnomalyFunction(settings, bySession))
                .uid("anomalies")
                .name("Anomalies against the seasonal baseline");
        return new Outputs(anomalies, anomalies.map(AnomalySignals::incident).returns(Incident.class)
                .name("Anomalies as incidents"));
    }

    /** The watched fields of a point, each a value of its series. */
    static final class Values implements FlatMapFunction<InfluxPoint, SeriesValue> {
        @Override
        public void flatMap(InfluxPoint p, Collector<SeriesValue> out) {
            for (int i = 0; i < WATCHED.size(); i++) {
                Watched w = WATCHED.get(i);
                if (!w.measurement().equals(p.measurement)) {
                    continue;
                }
                double value = p.number(w.field());
                double weight = w.weight() == null ? 0 : p.number(w.weight());
                if (Double.isNaN(value) || (w.weight() != null && !w.pooled() && !(weight >= w.minWeight()))
                        || !w.series().test(p.seriesKey())) {
                    continue;
                }
                out.collect(new SeriesValue(i, p.seriesKey(), p.time() - 60_000, value, weight));
            }
        }
    }

    /** The tags of a series key ({@code measurement,k=v,...}), in their order. */
    static Map<String, String> tagsOf(String series) {
        Map<String, String> tags = new LinkedHashMap<>();
        String[] parts = series.split("(?<!\\\\),");
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                tags.put(parts[i].substring(0, eq), parts[i].substring(eq + 1).replace("\\", ""));
            }
        }
        return tags;
    }

    /** "cart abandonment (touchpoint web)". */
    static String describe(Watched w, String series) {
        Map<String, String> tags = tagsOf(series);
        StringBuilder s = new StringBuilder();
        if (w.measurement().equals("cx_web_vitals") && tags.containsKey("metric")) {
            s.append(tags.remove("metric")).append(' '); // "LCP p75"
        }
        s.append(w.label());
        if (!tags.isEmpty()) {
            s.append(" (");
            tags.forEach((k, v) -> s.append(k.replace('_', ' ')).append(' ').append(v).append(", "));
            s.setLength(s.length() - 2);
            s.append(')');
        }
        return s.toString();
    }

    public static InfluxPoint point(AnomalyEvent a) {
        Watched w = WATCHED.get(a.watched);
        Measurement.Builder p = ANOMALIES.point(a.at)
                .tag(Tag.SIGNAL, w.signal())
                .tag(Tag.STATUS, a.status);
        tagsOf(a.series).forEach((key, value) -> {
            for (Tag tag : SERIES_TAGS) {
                if (tag.key().equals(key)) {
                    p.tag(tag, value);
                }
            }
        });
        return p.field("open", a.status.equals("firing") ? 1L : 0L)
                .field("value", a.value)
                .field("expected", a.expected)
                .field("sigmas", a.sigmas)
                .field("since", a.since)
                .field("summary", a.summary)
                .build();
    }

    /**
     * The incident an anomaly is (SPEC 6): of kind {@code anomaly}, its group's other parts from
     * the series' tags, its dedup key naming the series; no customer.
     */
    static Incident incident(AnomalyEvent a) {
        Watched w = WATCHED.get(a.watched);
        Map<String, String> tags = tagsOf(a.series);
        String touchpoint = first(tags, "touchpoint", "stream");
        String place = first(tags, "page_type", "screen", "step", "topic", "kind", "channel", "source");
        Incident i = new Incident();
        i.dedupKey = ANOMALY_KEY + w.signal() + "/"
                + String.join(",", tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        i.status = a.status;
        i.group = new IncidentGroup(IncidentGroup.ANOMALY, touchpoint, place, first(tags, "platform"), first(tags, "app_version"));
        i.firstSeen = a.status.equals("firing") ? a.since : a.at;
        i.lastSeen = a.at;
        i.changedAt = a.at;
        i.detectedAt = System.currentTimeMillis();
        i.summary = "Anomaly: " + a.summary + ".";
        i.incidentId = "in-" + digest(i.dedupKey + "|" + a.status + "|" + a.since + "|" + a.at);
        return i;
    }

    /** {@code support.csat} of {@code incident:anomaly/support.csat/channel=chat}; null for other incidents. */
    public static String signalOf(Incident i) {
        if (i.dedupKey == null || !i.dedupKey.startsWith(ANOMALY_KEY)) {
            return null;
        }
        String rest = i.dedupKey.substring(ANOMALY_KEY.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static String first(Map<String, String> tags, String... keys) {
        for (String key : keys) {
            if (tags.containsKey(key)) {
                return tags.get(key);
            }
        }
        return "";
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
