package io.cxmonitor.domain.performance;

/**
 * Apdex of API calls with threshold T (500 ms by default): satisfied up to T, tolerating up to
 * 4 T, frustrated beyond, and failed calls (status 500 or more, or none) count as frustrated.
 * Score = (satisfied + tolerating / 2) / total. A Flink POJO accumulator.
 */
public class Apdex {

    public long satisfied;
    public long tolerating;
    public long frustrated;
    public long errors;

    public Apdex() {}

    public Apdex add(double latencyMillis, boolean failed, double thresholdMillis) {
        if (failed) {
            errors++;
            frustrated++;
        } else if (latencyMillis <= thresholdMillis) {
            satisfied++;
        } else if (latencyMillis <= 4 * thresholdMillis) {
            tolerating++;
        } else {
            frustrated++;
        }
        return this;
    }

    public Apdex merge(Apdex o) {
        satisfied += o.satisfied;
        tolerating += o.tolerating;
        frustrated += o.frustrated;
        errors += o.errors;
        return this;
    }

    public long total() {
        return satisfied + tolerating + frustrated;
    }

    /** The score in [0, 1], or NaN without calls. */
    public double score() {
        long total = total();
        return total == 0 ? Double.NaN : (satisfied + tolerating / 2.0) / total;
    }
}
