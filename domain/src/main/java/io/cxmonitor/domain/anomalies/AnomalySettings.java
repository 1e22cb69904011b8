package io.cxmonitor.domain.anomalies;

import java.io.Serializable;
import java.time.Duration;

/**
 * When a series is anomalous (SPEC 7): at least {@code threshold} robust standard deviations from
 * its baseline for {@code minDuration} (the first minute may be halfway there: an incident seldom
 * starts on a minute's boundary, so its first minute is diluted); over once it has been back within them for
 * {@code resolveAfter}. A standard deviation is never taken below {@code relativeFloor} of the
 * expected level, so that a series that hardly ever moves is not paged for a wobble.
 */
public record AnomalySettings(double threshold, Duration minDuration, Duration resolveAfter, int seasonalWarmUp,
        int recentWarmUp, double relativeFloor) implements Serializable {

    public static final AnomalySettings DEFAULT = new AnomalySettings(4.0, Duration.ofMinutes(5),
            Duration.ofMinutes(10), 120, 30, 0.1);
}
