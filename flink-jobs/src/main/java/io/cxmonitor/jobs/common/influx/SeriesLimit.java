package io.cxmonitor.jobs.common.influx;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * At most {@code max} series per measurement from one writer: the series already written keep
 * being written, points of further series are refused. One misbehaving client that sends a new
 * app version with every event cannot flood InfluxDB with series, nor push out the series written
 * before it.
 *
 * <p>The series are remembered by the writer instance, not in a JVM-wide registry, so jobs and
 * tests in one JVM do not exhaust each other's limit. They are not checkpointed: a restarted
 * writer admits series again in the order their points arrive, so under a flood at that moment a
 * series written before may be among those refused. With parallelism p, up to p times
 * {@code max} series of a measurement are written.
 */
final class SeriesLimit {

    private final int max;
    private final Map<String, Set<String>> seriesByMeasurement = new HashMap<>();

    SeriesLimit(int max) {
        this.max = max;
    }

    /** Whether the point may be written: its series is known, or its measurement has room for it. */
    boolean admits(InfluxPoint point) {
        Set<String> series = seriesByMeasurement.computeIfAbsent(point.measurement, m -> new HashSet<>());
        String key = point.seriesKey();
        return series.contains(key) || (series.size() < max && series.add(key));
    }
}
