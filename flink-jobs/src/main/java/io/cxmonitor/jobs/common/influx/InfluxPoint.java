package io.cxmonitor.jobs.common.influx;

import java.util.Objects;

/**
 * One point on its way to InfluxDB, already rendered in line protocol (millisecond precision).
 * Built only through a {@link Measurement}, which enforces the schema. A Flink POJO.
 */
public class InfluxPoint {

    public String measurement;
    public String line;

    public InfluxPoint() {}

    InfluxPoint(String measurement, String line) {
        this.measurement = measurement;
        this.line = line;
    }

    /**
     * A point read back from its line, or {@code null} for what cannot be one line of line
     * protocol (several lines, no fields); InfluxDB judges the rest, point by point.
     */
    public static InfluxPoint parse(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.indexOf('\n') >= 0 || trimmed.startsWith("#")) {
            return null;
        }
        int end = seriesEnd(trimmed);
        if (end <= 0 || end == trimmed.length()) {
            return null;
        }
        int comma = trimmed.indexOf(',');
        String measurement = trimmed.substring(0, comma > 0 && comma < end ? comma : end);
        return new InfluxPoint(measurement, trimmed);
    }

    /** The series: measurement and tags, the line up to its first unescaped space. */
    public String seriesKey() {
        int end = seriesEnd(line);
        return end < 0 ? line : line.substring(0, end);
    }

    /**
     * A numeric field of the point, or NaN when it has none of that name (or it is text). Read from
     * the line as {@link Measurement} renders it: fields after the first unescaped space, the
     * timestamp after the last.
     */
    public double number(String field) {
        int from = seriesEnd(line) + 1;
        int to = line.lastIndexOf(' ');
        if (from <= 0 || to < from) {
            return Double.NaN;
        }
        int start = from;
        boolean quoted = false;
        for (int i = from; i <= to; i++) {
            char c = i < to ? line.charAt(i) : ',';
            if (c == '\\' && quoted) {
                i++; // an escaped quote or backslash inside a text field
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                if (i - start > field.length() && line.startsWith(field, start) && line.charAt(start + field.length()) == '=') {
                    return numberAt(line.substring(start + field.length() + 1, i));
                }
                start = i + 1;
            }
        }
        return Double.NaN;
    }

    private static double numberAt(String value) {
        if (value.startsWith("\"")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value.endsWith("i") ? value.substring(0, value.length() - 1) : value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The point's time, epoch milliseconds. */
    public long time() {
        return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
    }

    private static int seriesEnd(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++; // an escaped character, such as a space in a tag value
            } else if (c == ' ') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfluxPoint p && Objects.equals(line, p.line);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(line);
    }

    @Override
    public String toString() {
        return line;
    }
}
