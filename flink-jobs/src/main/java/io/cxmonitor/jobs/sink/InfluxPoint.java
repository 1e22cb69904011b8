package io.cxmonitor.jobs.sink;

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
