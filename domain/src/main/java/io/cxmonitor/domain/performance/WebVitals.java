package io.cxmonitor.domain.performance;

import java.io.Serializable;
import java.util.Locale;

/**
 * Core Web Vitals ratings (web.dev): good, needs improvement or poor, per metric. The poor
 * thresholds are SPEC 3.2's (LCP 4000 ms, INP 500 ms, CLS 0.25, FCP 3000 ms; TTFB 1800 ms).
 */
public final class WebVitals implements Serializable {

    /** A rating of one value or of a window's 75th percentile. */
    public enum Rating {
        GOOD, NEEDS_IMPROVEMENT, POOR;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final WebVitals DEFAULT = new WebVitals(4000, 500, 0.25, 3000, 1800);

    /** Poor above these: LCP, INP, FCP and TTFB in ms, CLS unitless. */
    public final double lcpPoor;
    public final double inpPoor;
    public final double clsPoor;
    public final double fcpPoor;
    public final double ttfbPoor;

    public WebVitals(double lcpPoor, double inpPoor, double clsPoor, double fcpPoor, double ttfbPoor) {
        this.lcpPoor = lcpPoor;
        this.inpPoor = inpPoor;
        this.clsPoor = clsPoor;
        this.fcpPoor = fcpPoor;
        this.ttfbPoor = ttfbPoor;
    }

    public Rating rate(String metric, double value) {
        double good;
        double poor;
        switch (metric) {
            case "LCP":
                good = 2500;
                poor = lcpPoor;
                break;
            case "INP":
                good = 200;
                poor = inpPoor;
                break;
            case "CLS":
                good = 0.1;
                poor = clsPoor;
                break;
            case "FCP":
                good = 1800;
                poor = fcpPoor;
                break;
            case "TTFB":
                good = 800;
                poor = ttfbPoor;
                break;
            default:
                throw new IllegalArgumentException("unknown web vital " + metric);
        }
        if (value > poor) {
            return Rating.POOR;
        }
        return value <= good ? Rating.GOOD : Rating.NEEDS_IMPROVEMENT;
    }

    /**
     * Whether an event's metric is one SPEC 3.2 rates, with a value: other metrics (FID, a
     * vendor's own) are valid input but feed no vitals signal.
     */
    public static boolean isRated(String metric, Double value) {
        return value != null && metric != null && switch (metric) {
            case "LCP", "INP", "CLS", "FCP", "TTFB" -> true;
            default -> false;
        };
    }

    public boolean isPoor(String metric, double value) {
        return rate(metric, value) == Rating.POOR;
    }
}
