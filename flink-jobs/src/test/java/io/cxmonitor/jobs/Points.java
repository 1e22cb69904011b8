package io.cxmonitor.jobs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The points a pipeline published, as InfluxDB would hold them: of several updates of one series
 * at one timestamp, the last wins. Queries read like the dashboards': a sum over the matching
 * series, or the newest value.
 */
public final class Points {

    /** One point: measurement, tags, fields (numbers as doubles, strings as strings), time. */
    public record Point(String measurement, Map<String, String> tags, Map<String, Object> fields, long time) {}

    private final Map<String, Point> latest = new LinkedHashMap<>();

    /** Lines of line protocol, in the order they were published. */
    public Points(List<String> lines) {
        for (String line : lines) {
            Point p = parse(line);
            latest.put(p.measurement + p.tags + "@" + p.time, p);
        }
    }

    public List<Point> of(String measurement, Map<String, String> where) {
        List<Point> matching = new ArrayList<>();
        for (Point p : latest.values()) {
            if (p.measurement.equals(measurement) && p.tags.entrySet().containsAll(where.entrySet())) {
                matching.add(p);
            }
        }
        return matching;
    }

    public double sum(String measurement, String field, Map<String, String> where) {
        return of(measurement, where).stream().map(p -> p.fields.get(field)).filter(v -> v instanceof Double)
                .mapToDouble(v -> (Double) v).sum();
    }

    /** The value of the newest point that has the field, or null. */
    public Object last(String measurement, String field, Map<String, String> where) {
        Point newest = null;
        for (Point p : of(measurement, where)) {
            if (p.fields.containsKey(field) && (newest == null || p.time > newest.time)) {
                newest = p;
            }
        }
        return newest == null ? null : newest.fields.get(field);
    }

    public List<Point> all() {
        return List.copyOf(latest.values());
    }

    /** Line protocol as the jobs write it: escaped tag values, quoted string fields, integers with i. */
    static Point parse(String line) {
        List<String> parts = split(line, ' ');
        List<String> series = split(parts.get(0), ',');
        Map<String, String> tags = new HashMap<>();
        for (String tag : series.subList(1, series.size())) {
            List<String> kv = split(tag, '=');
            tags.put(unescape(kv.get(0)), unescape(kv.get(1)));
        }
        Map<String, Object> fields = new HashMap<>();
        for (String field : split(parts.get(1), ',')) {
            List<String> kv = split(field, '=');
            String v = kv.get(1);
            Object value = v.startsWith("\"") ? v.substring(1, v.length() - 1).replace("\\\"", "\"")
                    : v.equals("true") || v.equals("false") ? (Object) Boolean.valueOf(v)
                    : (Object) Double.valueOf(v.endsWith("i") ? v.substring(0, v.length() - 1) : v);
            fields.put(unescape(kv.get(0)), value);
        }
        return new Point(unescape(series.get(0)), tags, fields, Long.parseLong(parts.get(2)));
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                current.append(c).append(text.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                current.append(c);
            } else if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static String unescape(String text) {
        return text.replaceAll("\\\\(.)", "$1");
    }
}
