package io.cxmonitor.domain.stats;

import java.util.Arrays;

/**
 * The values of one window, for exact percentiles. Windows are a minute of one key (a page type,
 * a channel), so they hold hundreds of values, not millions. A Flink POJO accumulator.
 */
public class Samples {

    public double[] values = new double[8];
    public int size;

    public Samples() {}

    public Samples add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
        return this;
    }

    public Samples addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
        return this;
    }

    /**
     * The {@code q}-quantile by the nearest-rank method (the value below which a share {@code q}
     * of the values lie), or NaN when empty. Core Web Vitals judge the 75th percentile this way.
     */
    public double percentile(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))];
    }

    public double mean() {
        if (size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum / size;
    }
}
